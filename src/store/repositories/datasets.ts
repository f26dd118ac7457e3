/** Datasets and their versions: the reference baselines (and training data) models are monitored against. */
import { sql, type Selectable } from 'kysely';
import { DriftwatchError } from '../../core/index.js';
import { isoOf, nowValue, type StoreContext } from '../context.js';
import type { DatasetVersionsTable } from '../schema.js';

export interface DatasetColumn {
  readonly name: string;
  readonly kind: string;
}

export interface DatasetVersion {
  readonly id: number;
  readonly dataset: string;
  readonly version: number;
  readonly artifactSha256: string;
  /** The artifact's file format: 'csv', 'parquet', 'jsonl'. */
  readonly format: string;
  readonly rowCount: number;
  readonly columnCount: number;
  /** SHA-256 over the columns' values (models' tableFingerprint), so equal data is recognisable. */
  readonly fingerprint: string;
  readonly columns: readonly DatasetColumn[];
  /** Where it came from (a file path, "pipeline job 4"). */
  readonly source: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly description: string | null;
}

export interface NewDatasetVersion {
  readonly dataset: string;
  readonly artifactSha256: string;
  readonly format: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly fingerprint: string;
  readonly columns: readonly DatasetColumn[];
  readonly source?: string | null;
  readonly createdBy: string;
  readonly description?: string | null;
}

export interface DatasetRepository {
  /** Adds the next version of a dataset (creating the dataset on first use). */
  createVersion(input: NewDatasetVersion): Promise<DatasetVersion>;
  getVersion(id: number): Promise<DatasetVersion | undefined>;
  /** NOT_FOUND when there is no such version. */
  requireVersion(id: number): Promise<DatasetVersion>;
  /** The version of a dataset with that content, if one was stored already. */
  findByContent(dataset: string, artifactSha256: string): Promise<DatasetVersion | undefined>;
  listVersions(dataset: string): Promise<DatasetVersion[]>;
  listDatasets(): Promise<{ name: string; versions: number; createdAt: string }[]>;
}

export function datasetRepository(ctx: StoreContext): DatasetRepository {
  const { db, dialect } = ctx;
  const selectVersions = () =>
    db.selectFrom('dataset_versions as v').innerJoin('datasets as d', 'd.id', 'v.dataset_id').selectAll('v').select('d.name as dataset');
  const toRecord = (r: Selectable<DatasetVersionsTable> & { dataset: string }): DatasetVersion => ({
    id: r.id,
    dataset: r.dataset,
    version: r.version,
    artifactSha256: r.artifact_sha256,
    format: r.format,
    rowCount: r.row_count,
    columnCount: r.column_count,
    fingerprint: r.fingerprint,
    columns: dialect.readJson(r.columns) as DatasetColumn[],
    source: r.source,
    createdAt: isoOf(ctx, r.created_at),
    createdBy: r.created_by,
    description: r.description,
  });
  const repo: DatasetRepository = {
    async createVersion(input) {
      const now = nowValue(ctx);
      await db.insertInto('datasets').values({ name: input.dataset, created_at: now, last_version: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
      // The update takes the dataset row's lock, so concurrent writers get distinct version numbers.
      const bumped = await db.updateTable('datasets').set({ last_version: sql`last_version + 1` }).where('name', '=', input.dataset).returning(['id', 'last_version']).executeTakeFirstOrThrow();
      const row = await db.insertInto('dataset_versions').values({
        dataset_id: bumped.id,
        version: bumped.last_version,
        artifact_sha256: input.artifactSha256,
        format: input.format,
        row_count: input.rowCount,
        column_count: input.columnCount,
        fingerprint: input.fingerprint,
        columns: dialect.writeJson(input.columns),
        source: input.source ?? null,
        created_at: now,
        created_by: input.createdBy,
        description: input.description ?? null,
      }).returningAll().executeTakeFirstOrThrow();
      return toRecord({ ...row, dataset: input.dataset });
    },
    async getVersion(id) {
      const r = await selectVersions().where('v.id', '=', id).executeTakeFirst();
      return r === undefined ? undefined : toRecord(r);
    },
    async requireVersion(id) {
      const v = await repo.getVersion(id);
      if (v === undefined) throw new DriftwatchError('NOT_FOUND', `there is no dataset version with id ${id}`, { field: 'dataset_version' });
      return v;
    },
    async findByContent(dataset, sha) {
      const r = await selectVersions().where('d.name', '=', dataset).where('v.artifact_sha256', '=', sha).orderBy('v.version', 'desc').executeTakeFirst();
      return r === undefined ? undefined : toRecord(r);
    },
    async listVersions(dataset) {
      const rows = await selectVersions().where('d.name', '=', dataset).orderBy('v.version').execute();
      return rows.map(toRecord);
    },
    async listDatasets() {
      const rows = await db.selectFrom('datasets').select(['name', 'last_version', 'created_at']).orderBy('name').execute();
      return rows.map((r) => ({ name: r.name, versions: r.last_version, createdAt: isoOf(ctx, r.created_at) }));
    },
  };
  return repo;
}
