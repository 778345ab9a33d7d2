// The catalog processes locations in the background and the tests wait for what they need (eventually); this only
// bounds that wait, which on two cores shared with the rest of the suite, PostgreSQL and Prometheus can pass 5 s.
jest.setTimeout(60_000);
