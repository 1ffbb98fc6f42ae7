/* The Studio's shared state: one store object that the views read and update (no global variables). */

export const store = {
  token: null,      /* the server's access token, when it was started with one (kept in this tab's sessionStorage) */
  project: null,    /* the open project, as GET /studio/api/projects/{id} describes it */
  evaluation: null, /* the open project's evaluation, or null before it is trained */
  poll: null,       /* the timer that watches a running training */
};
