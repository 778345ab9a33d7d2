// These tests start a backend; this bounds their waits on two busy cores, as in the other packages.
jest.setTimeout(60_000);
