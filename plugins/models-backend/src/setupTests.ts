// Many of these tests start a backend, a database, promtool or Prometheus and wait for what they need; this only
// bounds those waits, which on two cores shared with the rest of the suite can pass jest's default 5 s (a promtool
// test did in CI). Tests with longer work set their own bound.
jest.setTimeout(60_000);
