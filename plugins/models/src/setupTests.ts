import '@testing-library/jest-dom';

// Material-UI tables and dialogs render slowly when the whole suite shares two cores with PostgreSQL and
// Prometheus; the default of 5 s bounds how long a test may wait, and nothing in these tests depends on time.
jest.setTimeout(30_000);
