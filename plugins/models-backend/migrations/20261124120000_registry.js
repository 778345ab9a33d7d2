// @ts-check

/**
 * The model registry: versions, environment assignments (current and history), promotion requests with their
 * decisions, and the hash-chained audit log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_versions', table => {
    table.string('model_ref').notNullable();
    table.string('version').notNullable();
    table.text('artifact_uri').notNullable();
    table.string('framework').notNullable();
    table.text('metrics').notNullable();
    table.text('parameters').notNullable();
    table.text('source_run_url');
    table.text('signature');
    table.text('description');
    table.text('tags').notNullable();
    table.string('registered_by').notNullable();
    table.string('registered_at').notNullable();
    table.primary(['model_ref', 'version']);
  });

  // One row per (model, environment, period). The current assignment is the one without `until`; the partial
  // unique index keeps it to one per environment whatever happens concurrently.
  await knex.schema.createTable('environment_assignments', table => {
    table.increments('id');
    table.string('model_ref').notNullable();
    table.string('environment').notNullable();
    table.string('version').notNullable();
    table.string('since').notNullable();
    table.string('until');
    table.string('assigned_by').notNullable();
    table.string('cause').notNullable();
    table.string('request_id');
    table.text('reason');
    table.index(['model_ref', 'environment']);
    table
      .foreign(['model_ref', 'version'])
      .references(['model_ref', 'version'])
      .inTable('model_versions');
  });
  await knex.raw(
    'CREATE UNIQUE INDEX environment_assignments_one_current ON environment_assignments (model_ref, environment) WHERE "until" IS NULL',
  );

  await knex.schema.createTable('promotion_requests', table => {
    table.string('id').primary();
    table.string('model_ref').notNullable();
    table.string('version').notNullable();
    table.string('to_environment').notNullable();
    table.string('status').notNullable();
    table.string('requested_by').notNullable();
    table.string('requested_at').notNullable();
    table.text('comment');
    table.string('closed_at');
    table.index(['model_ref', 'status']);
    table
      .foreign(['model_ref', 'version'])
      .references(['model_ref', 'version'])
      .inTable('model_versions');
  });
  // At most one open request per model and target environment.
  await knex.raw(
    "CREATE UNIQUE INDEX promotion_requests_one_pending ON promotion_requests (model_ref, to_environment) WHERE status = 'pending'",
  );

  await knex.schema.createTable('promotion_decisions', table => {
    table.increments('id');
    table.string('request_id').notNullable().references('id').inTable('promotion_requests');
    table.string('actor').notNullable();
    table.string('decision').notNullable();
    table.text('comment');
    table.string('at').notNullable();
    table.unique(['request_id', 'actor']);
  });

  await knex.schema.createTable('audit_events', table => {
    table.bigInteger('seq').primary();
    table.string('actor').notNullable();
    table.string('action').notNullable();
    table.string('subject').notNullable();
    table.text('before');
    table.text('after');
    table.text('policy');
    table.string('at').notNullable();
    table.string('prev_hash').notNullable();
    table.string('hash').notNullable();
    table.index(['subject']);
  });
  // A single row holding the chain's head. Appending updates it inside the transaction that changes the
  // registry, which serializes appends on PostgreSQL (row lock) and SQLite (one writer) alike.
  await knex.schema.createTable('audit_head', table => {
    table.integer('id').primary();
    table.bigInteger('seq').notNullable();
    table.string('hash').notNullable();
  });
  await knex('audit_head').insert({ id: 1, seq: 0, hash: '0'.repeat(64) });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_head');
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('promotion_decisions');
  await knex.raw('DROP INDEX promotion_requests_one_pending');
  await knex.schema.dropTable('promotion_requests');
  await knex.raw('DROP INDEX environment_assignments_one_current');
  await knex.schema.dropTable('environment_assignments');
  await knex.schema.dropTable('model_versions');
};
