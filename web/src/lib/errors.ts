/** An error the user can act on, in their language. */
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid_credentials') return t('error.invalid_credentials');
    if (error.code === 'too_many_attempts') return t('error.rate');
    if (error.code === 'csrf') return t('error.unauthorised');
    if (error.status === 0) return t('error.offline');
    if (error.status === 401) return t('error.unauthorised');
    if (error.status === 403) return t('error.forbidden', { message: error.message });
    if (error.status === 404) return t('error.not_found');
    if (error.status === 409) return t('error.conflict', { message: error.message });
    if (error.status === 429) return t('error.rate');
    if (error.status === 400 || error.status === 422) return t('error.invalid', { message: error.message });
    return t('error.server', { message: `${error.status} ${error.code}` });
  }
  return t('error.server', { message: error instanceof Error ? error.message : String(error) });
}
