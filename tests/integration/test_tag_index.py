"""Zero-shot tags with coverage verdicts, the incremental picture index, similar pictures and duplicates."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageOps

import opensight as osi
from opensight.index import PictureIndex
from tests.conftest import OPENSIGHT, sample_photo


@pytest.fixture(scope="module")
def tagger() -> osi.Tagger:
    return osi.Tagger(["car", "cat", "kitten", "motorbike", "invoice", "coffee"])


def test_tags_on_sample_photos(tagger: osi.Tagger, photos: Path) -> None:
    chelsea = {entry.label: entry.score for entry in tagger(photos / "chelsea.jpg").scores}
    assert chelsea["cat"] > chelsea["car"]
    assert chelsea["kitten"] > chelsea["car"]
    motorcycle = tagger(Image.fromarray(sample_photo("stereo_motorcycle")))
    assert motorcycle.scores[0].label == "motorbike"
    assert "motorbike" in motorcycle.tags
    coffee = tagger(photos / "coffee.jpg")
    assert coffee.tags == ("coffee",)
    row = coffee.to_dict()
    assert row["label"] == "coffee"
    assert {entry["label"] for entry in row["scores"]} == set(tagger.labels)


def test_coverage_verdicts(tagger: osi.Tagger) -> None:
    verdicts = {entry.label: entry for entry in tagger.coverage}
    assert verdicts["motorbike"].quality == "good"
    assert "motorcycle" in verdicts["motorbike"].verdict
    assert verdicts["invoice"].quality == "poor"
    assert "teach it with examples" in verdicts["invoice"].verdict
    foreign = osi.Tagger(["自転車"], detect=False).coverage[0]
    assert "English" in foreign.verdict


def test_bad_labels_are_refused_clearly() -> None:
    with pytest.raises(osi.InputError, match="no labels"):
        osi.Tagger([" ", ""])
    with pytest.raises(osi.InputError, match="given twice"):
        osi.Tagger("cat, Cat")
    with pytest.raises(osi.InputError, match="short phrase"):
        osi.Tagger(["a very long label " * 10])


def test_tag_cli_shows_coverage_then_rows(photos: Path) -> None:
    done = subprocess.run(
        [OPENSIGHT, "tag", str(photos), "--labels", "cat, invoice", "-f", "json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "expect good results" in done.stderr
    assert "expect poor results" in done.stderr
    rows = {Path(row["path"]).name: row for row in json.loads(done.stdout)}
    assert rows["chelsea.jpg"]["tags"] == ["cat"]
    assert rows["chelsea.jpg"]["coverage"][1]["quality"] == "poor"
    table = subprocess.run(
        [OPENSIGHT, "tag", str(photos), "--labels", "cat, invoice", "-f", "table"], capture_output=True, text=True
    )
    assert table.returncode == 0, table.stderr
    assert "tags" in table.stdout  # the table printed (it used to crash on the coverage column)
    missing = subprocess.run([OPENSIGHT, "tag", str(photos)], capture_output=True, text=True)
    assert missing.returncode == 2
    assert "--labels" in missing.stderr


def _copies(folder: Path) -> dict[str, list[str]]:
    """Three sample photos, each with a resized, a q=40, a 10%-cropped and a mirrored copy; two loners."""
    groups: dict[str, list[str]] = {}
    for name in ("chelsea", "astronaut", "stereo_motorcycle"):
        photo = Image.fromarray(sample_photo(name))
        width, height = photo.size
        copies = {
            f"{name}.png": photo,
            f"{name}_half.png": photo.resize((width // 2, height // 2)),
            f"{name}_cropped.png": photo.crop((width // 20, height // 20, width * 19 // 20, height * 19 // 20)),
            f"{name}_mirror.png": ImageOps.mirror(photo),
        }
        for file, picture in copies.items():
            picture.save(folder / file)
        buffer = io.BytesIO()
        photo.save(buffer, "JPEG", quality=40)
        (folder / f"{name}_q40.jpg").write_bytes(buffer.getvalue())
        shutil.copy(folder / f"{name}.png", folder / f"{name}_same.png")  # an exact copy too
        groups[name] = sorted([*copies, f"{name}_q40.jpg", f"{name}_same.png"])
    for name in ("coffee", "rocket"):
        Image.fromarray(sample_photo(name)).save(folder / f"{name}.png")
    return groups


def test_duplicates_found_and_distinct_photos_kept_apart(tmp_path: Path) -> None:
    folder = tmp_path / "album"
    folder.mkdir()
    expected = _copies(folder)
    index = PictureIndex(tmp_path / "store.sqlite")
    groups = index.duplicates(folder) if index.update(folder).total else ()
    found = sorted(sorted(Path(path).name for path in group.paths) for group in groups)
    assert found == sorted(expected.values())
    assert all(group.kind == "near" for group in groups)
    done = subprocess.run(
        [OPENSIGHT, "duplicates", str(folder), "--data-dir", str(tmp_path / "cli"), "-f", "jsonl"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len({row["group"] for row in rows}) == 3
    assert "3 groups of copies (15 could go)" in done.stderr
    summary = " ".join(done.stderr.split())  # the summary tells what can go without a look (a new user's question)
    assert "exact copies (the same bytes as a copy that stays): 3; near copies, to look at first: 12" in summary, (
        done.stderr
    )
    exact = sorted(Path(row["path"]).name for row in rows if row["kind"] == "exact")  # the kept one's bytes
    kept_twins = [row for row in rows if row["keep"] and Path(row["path"]).stem.removesuffix("_same") in expected]
    assert all(row["kind"] == "exact" for row in kept_twins), rows  # kept: the photo or its byte-identical twin
    assert exact == sorted(f"{name}{end}" for name in expected for end in (".png", "_same.png")), rows
    kept = sorted(Path(row["path"]).name for row in rows if row["keep"])  # one a group: a full-size picture
    assert len(kept) == 3
    full_size = {f"{name}{end}" for name in expected for end in (".png", "_same.png", "_mirror.png")}
    assert set(kept) <= full_size, kept  # never the half-size, cropped or q40 copy


def test_duplicates_of_a_folder_without_pictures_says_so(tmp_path: Path) -> None:
    """It indexes the folder first: 'run `opensight index FOLDER` first' (a new user's empty folder, and a folder
    of unreadable files) told them to do what it had just done."""
    folder = tmp_path / "not pictures"
    folder.mkdir()
    (folder / "notes.jpg").write_text("a text file named .jpg")
    done = subprocess.run(
        [OPENSIGHT, "duplicates", str(folder), "--data-dir", str(tmp_path / "cli")], capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert "no pictures found in" in done.stderr
    assert "1 file(s) could not be read" in done.stderr
    assert "opensight index" not in done.stderr


def test_index_is_incremental_and_search_follows_it(tmp_path: Path, photos: Path) -> None:
    folder = tmp_path / "photos"
    shutil.copytree(photos, folder)
    index = PictureIndex(tmp_path / "store.sqlite")
    first = index.update(folder)
    assert (first.new, first.changed, first.removed, first.unchanged) == (4, 0, 0, 0)
    again = index.update(folder)
    assert (again.new, again.unchanged) == (0, 4)
    (folder / "rocket.jpg").unlink()
    Image.fromarray(sample_photo("stereo_motorcycle")).save(folder / "moto.jpg")
    (folder / "gone.jpg").symlink_to(folder / "vanished.jpg")  # listed, then unreadable: skipped, not fatal
    third = index.update(folder)
    assert (third.new, third.removed, third.unchanged) == (1, 1, 3)
    assert [path for path, _ in third.failed] == [str(folder / "gone.jpg")]
    best = index.similar(photos / "chelsea.jpg", top=2)
    assert Path(best[0].path).name == "chelsea.jpg"
    assert best[0].score > 0.99
    assert all("rocket" not in match.path for match in index.similar(photos / "rocket.jpg", top=10))
    words = index.similar_text("motorcycle", top=1)
    assert Path(words[0].path).name == "moto.jpg"
    (folder / "moto.jpg").unlink()  # deleted since it was indexed (a user who just removed copies): not offered
    assert all(Path(match.path).exists() for match in index.similar(photos / "chelsea.jpg", top=10))
    assert Path(index.similar_text("motorcycle", top=1)[0].path).name != "moto.jpg"
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff" + b"\0" * 20)
    with pytest.raises(osi.DecodeError):
        index.similar(broken)
    with pytest.raises(osi.InputError, match="opensight index"):
        PictureIndex(tmp_path / "other.sqlite").similar(photos / "chelsea.jpg")


def test_index_and_similar_cli(tmp_path: Path, photos: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    linked = tmp_path / "linked"
    shutil.copytree(photos, linked)
    (linked / "espresso link.jpg").symlink_to(linked / "coffee.jpg")  # one file, listed once (not again by its link)
    done = subprocess.run([OPENSIGHT, "index", str(linked), *data], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    query = [OPENSIGHT, "similar", str(linked / "coffee.jpg"), "--top", "2", "-f", "json", *data]
    done = subprocess.run(query, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Path(json.loads(done.stdout)[0]["path"]).name == "coffee.jpg"
    assert "espresso link.jpg" not in done.stdout
    done = subprocess.run([OPENSIGHT, "index", str(photos), *data], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "4 new" in done.stderr
    done = subprocess.run(
        [OPENSIGHT, "similar", "--text", "espresso", "--top", "1", "-f", "json", *data], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert Path(json.loads(done.stdout)[0]["path"]).name == "coffee.jpg"
    done = subprocess.run([OPENSIGHT, "similar", *data], capture_output=True, text=True)
    assert done.returncode == 2
    # a new user's trial: these said "--labels" (an option of tag), "similar()" and "not a folder; index …"
    said = {
        "words": ["similar", "--text", ""],
        "one picture": ["similar", str(photos)],
        "does not exist": ["duplicates", str(tmp_path / "nope")],
    }
    for words, command in said.items():
        done = subprocess.run([OPENSIGHT, *command, *data], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert words in done.stderr, done.stderr
        assert not any(old in done.stderr for old in ("--labels", "()", "index a folder")), done.stderr
    lone = tmp_path / "lone"
    shutil.copytree(photos, lone, ignore=lambda _, names: [n for n in names if n != "coffee.jpg"])
    done = subprocess.run([OPENSIGHT, "duplicates", str(lone), "-f", "csv", *data], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["group,kind,path,keep"], done.stdout  # no copies: still the header


def test_tag_as_a_batch_run(tmp_path: Path, photos: Path) -> None:
    db = tmp_path / "tags.sqlite"
    done = subprocess.run(
        [OPENSIGHT, "run", "tag", str(photos), "--labels", "cat, coffee", "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as connection:
        found = dict(connection.execute("SELECT path, label FROM results").fetchall())
    assert found[str(photos / "chelsea.jpg")] == "cat"
    assert found[str(photos / "coffee.jpg")] == "coffee"


def test_zero_shot_teach_then_compare_with_examples(tmp_path: Path, photos: Path) -> None:
    model = osi.teach(labels=["cat", "coffee", "rocket"])
    assert model.card["zero_shot"] is True
    assert "unknown" in model.report.summary[0]
    saved = model.save(tmp_path / "words.osm")
    loaded = osi.load(saved)
    assert loaded(photos / "chelsea.jpg").label == "cat"
    assert loaded(photos / "coffee.jpg").label == "coffee"
    with pytest.raises(osi.InputError, match="at least 2"):
        osi.teach(labels=["cat"])
    folder = tmp_path / "examples"
    for label, name in (("cat", "chelsea"), ("coffee", "coffee")):
        (folder / label).mkdir(parents=True)
        photo = Image.fromarray(sample_photo(name))
        for i in range(4):
            photo.crop((i * 10, i * 6, photo.width - 10, photo.height - 6)).save(folder / label / f"{i}.png")
    done = subprocess.run(
        [
            OPENSIGHT,
            "teach",
            str(folder),
            "--labels",
            "coffee, cat",
            "-o",
            str(tmp_path / "t.osm"),
            "--data-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "From the class names alone (zero-shot) it would get 100%" in done.stdout
    wrong = subprocess.run([OPENSIGHT, "teach", str(folder), "--labels", "dog, cat"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "must name the classes" in wrong.stderr


def test_few_examples_blend_with_the_class_names(tmp_path: Path) -> None:
    from tests._datasets import write_fashion_folder

    folder = write_fashion_folder(tmp_path / "fashion", classes=(1, 5, 7, 8), per_class=3, seed=1)
    model = osi.teach(folder, labels="trouser, sandal, sneaker, bag", store=tmp_path / "store.sqlite")
    comparison = model.card["zero_shot_comparison"]
    assert comparison["zero_shot_weight"] in (0.0, 0.25, 0.5, 1.0, 2.0)
    assert comparison["blended_accuracy"] >= comparison["taught_accuracy"]
    assert comparison["sentence"] in model.report.summary
    saved = model.save(tmp_path / "blend.osm")  # the save-time parity check covers the fused blend graph
    again = osi.load(saved)
    assert again.classes == ("bag", "sandal", "sneaker", "trouser")
    sneaker = next((folder / "sneaker").glob("*.png"))
    assert again(sneaker).guess == "sneaker"


def _cropped_photos(folder: Path, classes: dict[str, str], count: int = 4) -> Path:
    """``folder/<class>/<n>.png``: ``count`` crops of the sample photo named for each class."""
    for label, name in classes.items():
        (folder / label).mkdir(parents=True)
        photo = Image.fromarray(sample_photo(name))
        for i in range(count):
            photo.crop((i * 10, i * 6, photo.width - 10, photo.height - 6)).save(folder / label / f"{i}.png")
    return folder


def test_teach_reads_the_folder_names_as_words_unless_told_not_to(tmp_path: Path) -> None:
    folder = _cropped_photos(tmp_path / "named", {"cat": "chelsea", "coffee": "coffee", "rocket": "rocket"})
    store = tmp_path / "store.sqlite"
    model = osi.teach(folder, store=store)  # no labels: the folder names are the words
    comparison = model.card["zero_shot_comparison"]
    assert comparison["sentence"] in model.report.summary
    assert comparison["zero_shot_accuracy"] == 1.0  # the names alone name every picture
    assert comparison["zero_shot_weight"] > 0
    assert "all-MiniLM-L6-v2" in model.card["licence"]
    assert "accuracy from your examples alone went" in " ".join(model.report.summary)
    again = osi.load(model.save(tmp_path / "named.osm"))  # the parity check covers the blend in the graph
    assert again.card.to_dict()["zero_shot_comparison"] == comparison
    plain = subprocess.run(
        [OPENSIGHT, "teach", str(folder), "--no-names", "-f", "json", "-o", str(tmp_path / "plain.osm")],
        capture_output=True,
        text=True,
        env={**os.environ, "OPENSIGHT_HOME": str(tmp_path / "home")},
    )
    assert plain.returncode == 0, plain.stderr
    assert "zero_shot_comparison" not in json.loads(plain.stdout)["card"]
    with pytest.raises(osi.InputError, match="choose one"):
        osi.teach(folder, store=store, labels="cat, coffee, rocket", names=False)


def test_names_that_mean_nothing_are_not_blended(tmp_path: Path) -> None:
    """A user's trial: class_a, class_b, … were given weight 1-2, the announced accuracy rising with nothing gained
    on new pictures; names that do no better than guessing are now left out."""
    folder = _cropped_photos(tmp_path / "lettered", {"class_a": "chelsea", "class_b": "coffee", "class_c": "rocket"})
    comparison = osi.teach(folder, store=tmp_path / "store.sqlite").card["zero_shot_comparison"]
    assert comparison["zero_shot_weight"] == 0
    assert "the names alone are not clearly better than guessing" in comparison["sentence"]


def test_class_names_the_text_model_cannot_tell_apart_are_not_blended(tmp_path: Path) -> None:
    folder = _cropped_photos(tmp_path / "examples", {"Cat": "chelsea", "cat_": "coffee"}, count=3)  # both read "cat"
    model = osi.teach(folder, store=tmp_path / "store.sqlite")
    assert model.card.zero_shot_comparison is None
    assert model.classes == ("Cat", "cat_")


def test_the_names_scores_from_stored_embeddings_are_what_the_saved_graph_computes() -> None:
    import numpy as np

    from opensight.tasks import Embedder
    from opensight.teach._blend import name_logits
    from opensight.teach._zero_shot import name_weights, zero_shot_model

    words = ("cat", "coffee", "rocket")
    weights, coverage = name_weights(words, Embedder().spec)
    graph = zero_shot_model(words, weights, coverage)
    pixels = np.stack(
        [np.asarray(Image.fromarray(sample_photo(name)).resize((224, 224))) for name in ("chelsea", "coffee")]
    )
    outputs = graph.forward(pixels)
    from_embeddings = name_logits(outputs["embedding"], weights)
    assert np.abs(from_embeddings - outputs["logits"]).max() < 1e-3
    assert from_embeddings.argmax(axis=1).tolist() == [0, 1]
