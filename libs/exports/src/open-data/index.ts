export * from './open-data-setting.entity';
export * from './open-data.module';
export * from './open-data.service';
export {
  grantsCsv,
  grantsJson,
  identifierPart,
  organisationIdentifier,
  type PublishedGrant,
  type PublishedGrantRecord,
  type Publisher,
  THREE_SIXTY_GIVING_CSV_COLUMNS,
  toPublishedGrant,
} from './three-sixty-giving';
