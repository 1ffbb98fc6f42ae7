// A p5.js sketch that classifies the webcam. In your page, after your own copy of p5.js:
//   <script src="p5.min.js"></script>
//   <script type="module" src="sketch.js"></script>
// (this folder's files beside it, served by any web server; nothing is downloaded from the internet)
import { loadModel } from "./opensight-model.js";

let model, video;
let label = "loading the model…";

window.setup = async () => {
  createCanvas(320, 280);
  video = createCapture(VIDEO);
  video.size(320, 240);
  video.hide();
  model = await loadModel();
  classify();
};

async function classify() {
  const answer = await model.predict(video.elt);  // the <video> element behind p5's capture
  label = answer.unsure ? `unsure (${answer.guess}?)` : `${answer.label} ${nf(answer.score * 100, 0, 0)}%`;
  setTimeout(classify, 100);
}

window.draw = () => {
  background(0);
  image(video, 0, 0);
  fill(255);
  textSize(18);
  text(label, 10, 265);
};
