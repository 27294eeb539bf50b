/**
 * Every importable entity by its URL and CLI name (`/v1/import/<entity>`, `admin import <entity>`).
 *
 * @example IMPORTERS['contacts'].columns // ['external_id', 'name', 'emails', …]
 */
import type { EntityImporter, EntityName } from '../types.ts';
import { accountsImporter } from './accounts.ts';
import { activitiesImporter } from './activities.ts';
import { contactsImporter } from './contacts.ts';
import { dealsImporter } from './deals.ts';
import { companyEventsImporter, intentImporter, webVisitsImporter } from './events.ts';
import { technologiesImporter } from './technologies.ts';

export const IMPORTERS: Record<EntityName, EntityImporter<unknown>> = {
  accounts: accountsImporter,
  contacts: contactsImporter,
  deals: dealsImporter,
  activities: activitiesImporter,
  technologies: technologiesImporter,
  intent: intentImporter,
  'web-visits': webVisitsImporter,
  'company-events': companyEventsImporter,
};
