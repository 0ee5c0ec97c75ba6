/** The live notice: the newest alert received, announced politely to screen readers, until dismissed. */
import { t, useLang } from '../lib/i18n.ts';
import { liveNotice, type Alert } from '../lib/alert-stream.ts';
import { onLinkClick } from '../lib/router.ts';
import { useDeclareShown, useObservable } from '../lib/store.ts';
import { alertSummary, alertTitle } from '../screens/Alerts.tsx';

function Notice({ alert }: { alert: Alert }) {
  useDeclareShown('alert-notice', [alert.classification]);
  const href = alert.incident_id === null ? '/alerts' : `/incidents/${alert.incident_id}`;
  return (
    <div class={`alert-notice k-${alert.classification}`}>
      <strong>{alertTitle(alert)}</strong> <span>{alertSummary(alert)}</span>{' '}
      <a href={href} onClick={(e) => onLinkClick(e, href)}>
        {alert.incident_id === null ? t('alerts.title') : t('alerts.open', { id: alert.incident_id })}
      </a>{' '}
      <button type="button" onClick={() => liveNotice.set(null)}>
        {t('alerts.dismiss')}
      </button>
    </div>
  );
}

export function AlertNotice() {
  useLang();
  const alert = useObservable(liveNotice);
  // The live region is always there, so that screen readers announce what appears in it.
  return (
    <div class="alert-region" role="status" aria-live="polite" aria-label={t('alerts.live.region')}>
      {alert !== null && <Notice key={alert.seq} alert={alert} />}
    </div>
  );
}
