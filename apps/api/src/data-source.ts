import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@foerderfluss/core';
import { dataSourceOptions } from '@foerderfluss/database';
import { MIGRATIONS } from '../../../migrations';
import { ALL_ENTITIES } from './entities';

/** For the TypeORM CLI: `typeorm migration:generate -d dist/apps/api/src/data-source.js` (as the owner role, which migrates). */
const config = loadConfig();
export default new DataSource(dataSourceOptions({ ...config, databaseUrl: config.databaseMigrationUrl }, ALL_ENTITIES, MIGRATIONS));
