// @ts-check

/**
 * The models explorer's index: one row per Model with the columns the explorer filters and sorts on (from the
 * catalog, the registry and the latest snapshots), and the entity's facts in the catalog's own search form
 * (lower-cased key and value pairs), so that the catalog's permission conditions and multi-valued filters become
 * indexed SQL rather than a read of the whole fleet per request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('explorer_rows', table => {
    table.string('model_ref').primary();
    table.string('name').notNullable();
    table.string('namespace').notNullable();
    table.string('sort_name').notNullable();
    table.string('owner').notNullable();
    table.string('system');
    table.string('type').notNullable();
    table.string('lifecycle').notNullable();
    table.string('risk_level');
    table.text('search_text').notNullable();
    table.integer('pending_approvals').notNullable();
    table.integer('slo_rank').notNullable();
    table.string('slo_state').notNullable();
    table.double('slo_budget');
    table.integer('drift_rank').notNullable();
    table.string('drift_state').notNullable();
    table.integer('verdict_rank').notNullable();
    table.string('verdict');
    table.integer('review_rank').notNullable();
    table.string('review_state').notNullable();
    table.integer('attention').notNullable();
    table.string('last_change_at');
    table.string('oldest_figure_at');
    table.string('hash').notNullable();
    table.string('indexed_at').notNullable();
    table.text('row').notNullable();
    for (const column of ['sort_name', 'owner', 'system', 'type', 'lifecycle', 'risk_level', 'pending_approvals', 'slo_rank', 'slo_budget', 'drift_rank', 'verdict_rank', 'review_rank', 'attention', 'last_change_at', 'oldest_figure_at']) {
      table.index([column, 'model_ref'], `explorer_rows_${column}_idx`);
    }
  });
  await knex.schema.createTable('explorer_facts', table => {
    table.string('model_ref').notNullable();
    table.string('key').notNullable();
    table.string('value');
    table.index(['key', 'value', 'model_ref'], 'explorer_facts_key_value_idx');
    table.index(['model_ref'], 'explorer_facts_model_idx');
  });
  await knex.schema.createTable('explorer_meta', table => {
    table.integer('id').primary();
    table.string('indexed_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('explorer_meta');
  await knex.schema.dropTable('explorer_facts');
  await knex.schema.dropTable('explorer_rows');
};
