/**
 * French first, English one click away. Every label the situation room shows is here, in both
 * languages; dates and numbers go through Intl with the chosen locale.
 */
import { useEffect, useState } from 'preact/hooks';

export type Lang = 'fr' | 'en';

const fr = {
  'app.title': 'Liptako — salle de situation',
  'app.skip': 'Aller au contenu',
  'nav.map': 'Carte',
  'nav.triage': 'Tri',
  'nav.report': 'Signaler',
  'nav.signout': 'Se déconnecter',
  'lang.switch': 'English',
  'lang.switch.label': 'Switch to English',
  'classification.label': 'Classification affichée',
  'classification.PUBLIC': 'PUBLIC',
  'classification.AES_RESTRICTED': 'DIFFUSION RESTREINTE AES',
  'classification.NATIONAL': 'NATIONAL',
  'signin.title': 'Connexion',
  'signin.username': "Nom d'utilisateur",
  'signin.password': 'Mot de passe',
  'signin.token': "Jeton d'API",
  'signin.with.password': 'Avec un mot de passe',
  'signin.with.token': 'Avec un jeton',
  'signin.submit': 'Se connecter',
  'signin.failed': 'Connexion refusée : {message}',
  'filters.title': 'Filtres',
  'filters.country': 'Pays',
  'filters.admin1': 'Région',
  'filters.event_type': "Type d'événement",
  'filters.sub_event_type': 'Sous-type',
  'filters.actor': 'Acteur',
  'filters.status': 'Statut',
  'filters.q': 'Texte',
  'filters.all': 'Tous',
  'filters.apply': 'Appliquer',
  'filters.reset': 'Réinitialiser',
  'time.from': 'Du',
  'time.to': 'Au',
  'time.window': 'Fenêtre',
  'time.end': 'Fin de la fenêtre',
  'time.play': 'Lecture',
  'time.pause': 'Pause',
  'time.1m': '1 mois',
  'time.3m': '3 mois',
  'time.1y': '1 an',
  'time.5y': '5 ans',
  'map.label': 'Carte de situation',
  'map.size': 'Taille',
  'map.size.count': 'Nombre',
  'map.size.fatalities': 'Morts',
  'map.loading': 'Chargement…',
  'map.layer.failed':
    "La couche « {layer} » n'a pas pu être chargée ; la carte garde l'affichage précédent. {message}",
  'map.total': '{count} incidents dans la vue',
  'map.cluster': '{count} incidents, {fatalities} morts — cliquer pour zoomer',
  'map.legend': 'Légende',
  'timeline.title': 'Chronologie hebdomadaire',
  'timeline.week': 'Semaine du {date} : {count} incidents, {fatalities} morts',
  'timeline.empty': 'Aucun incident pour ce filtre.',
  'timeline.count': 'Incidents',
  'timeline.fatalities': 'Morts',
  'list.title': 'Incidents',
  'list.more': 'Suivants',
  'list.empty': 'Aucun incident.',
  'col.date': 'Date',
  'col.type': 'Type',
  'col.place': 'Lieu',
  'col.actors': 'Acteurs',
  'col.fatalities': 'Morts',
  'col.status': 'Statut',
  'status.machine-coded': 'codé automatiquement',
  'status.reported': 'signalé',
  'status.verified': 'vérifié',
  'status.rejected': 'rejeté',
  'detail.title': 'Incident n° {id}',
  'detail.back': 'Retour',
  'detail.coding': 'Codage',
  'detail.sources': 'Sources',
  'detail.history': 'Historique des révisions',
  'detail.no.sources': 'Aucune source liée (import en masse).',
  'detail.no.history': 'Aucune révision.',
  'detail.edit': 'Modifier le codage',
  'detail.save': 'Enregistrer',
  'detail.cancel': 'Annuler',
  'detail.reason': 'Motif (obligatoire)',
  'detail.verify': 'Vérifier',
  'detail.reject': 'Rejeter',
  'detail.saved': 'Enregistré (révision {revision}).',
  'detail.confidence': 'confiance {value}',
  'detail.extracted': 'Extrait',
  'detail.revision': 'Révision {revision}, {date}, par {by} : {reason}',
  'detail.merged.into': 'Fusionné dans l’incident n° {id}',
  'field.event_date': 'Date',
  'field.event_type': "Type d'événement",
  'field.sub_event_type': 'Sous-type',
  'field.actor1': 'Acteur 1',
  'field.actor2': 'Acteur 2',
  'field.country': 'Pays',
  'field.admin1': 'Région',
  'field.admin2': 'Cercle / province / département',
  'field.location': 'Localité',
  'field.latitude': 'Latitude',
  'field.longitude': 'Longitude',
  'field.fatalities': 'Morts',
  'field.notes': 'Notes',
  'field.status': 'Statut',
  'field.classification': 'Classification',
  'field.origin': 'Origine',
  'field.source': 'Source',
  'triage.title': 'File de tri',
  'triage.count': '{count} en attente',
  'triage.help':
    'Raccourcis : j/k ou ↓/↑ se déplacer · x sélectionner · v vérifier · r rejeter · m fusionner la sélection dans l’élément courant · Entrée ouvrir · a tout sélectionner',
  'triage.verify.selected': 'Vérifier la sélection ({count})',
  'triage.reject.selected': 'Rejeter la sélection ({count})',
  'triage.merge': 'Fusionner la sélection dans n° {id}',
  'triage.reason.prompt': 'Motif du rejet :',
  'triage.merge.prompt': 'Motif de la fusion :',
  'triage.done': '{updated} mis à jour, {failed} refusés.',
  'triage.empty': 'Rien à trier.',
  'triage.select': 'Sélectionner n° {id}',
  'report.title': 'Signalement de terrain',
  'report.intro':
    'Le signalement est gardé sur cet appareil et envoyé dès que la connexion revient. Il ne sera jamais envoyé deux fois.',
  'report.source': 'Source (qui signale)',
  'report.text': 'Ce qui s’est passé',
  'report.place': 'Lieu',
  'report.date': 'Date des faits',
  'report.locate': 'Ma position',
  'report.classification': 'Classification',
  'report.submit': 'Envoyer',
  'report.queued': 'Signalement enregistré sur l’appareil ; envoi dès que possible.',
  'report.sent': 'Signalement reçu par le serveur (n° {id}).',
  'report.outbox': 'En attente d’envoi : {count}',
  'report.outbox.empty': 'Aucun signalement en attente.',
  'report.offline': 'Hors ligne',
  'report.online': 'En ligne',
  'report.failed': 'Refusé par le serveur : {message}. Corrigez puis renvoyez.',
  'report.retry': 'Renvoyer maintenant',
  'report.discard': 'Supprimer',
  'error.offline': 'Le serveur est injoignable. Vérifiez la connexion ; les données affichées peuvent dater.',
  'error.unauthorised': 'Votre session a expiré : reconnectez-vous.',
  'error.forbidden': "Vous n'avez pas le droit de faire cela : {message}",
  'error.not_found': "Introuvable, ou vous n'y avez pas accès.",
  'error.invalid': 'Donnée refusée : {message}',
  'error.conflict': 'Conflit : quelqu’un a modifié cet élément entre-temps. Rechargez. ({message})',
  'error.rate': 'Trop de tentatives : réessayez plus tard.',
  'error.invalid_credentials': 'nom d’utilisateur ou mot de passe incorrect',
  'error.server': 'Erreur du serveur ({message}). Réessayez ; si elle persiste, signalez-la.',
  'footer.attribution':
    'Contient des données de GeoNames (geonames.org), CC BY 4.0 · Frontières : Natural Earth (domaine public) · Taxonomie : ACLED',
  'footer.demo': 'Les incidents DEMO sont fictifs.',
  'nav.charter': 'Charte',
  'charter.title': 'Charte du Liptako-Gourma',
  'charter.panel': 'Articles de la Charte',
  'charter.evaluate': 'Évaluer au regard de la Charte',
  'charter.none': 'Aucune proposition : l’incident n’a pas encore été évalué, ou n’engage aucun article.',
  'charter.article': 'Art. {article}',
  'charter.status.engaged': 'engagé',
  'charter.status.proposed': 'proposé',
  'charter.status.not_engaged': 'non engagé',
  'charter.state.open': 'à examiner',
  'charter.state.confirmed': 'confirmé',
  'charter.state.rejected': 'écarté',
  'charter.missing': 'Faits manquants : {facts}',
  'charter.obligations': 'Obligations : {list}',
  'charter.confirm': 'Confirmer',
  'charter.reject': 'Écarter',
  'charter.review.prompt': 'Motif de la décision :',
  'charter.reviewed': 'Examiné : {verdict} — {reason}',
  'charter.decisions': 'Décisions en cours (unanimité)',
  'charter.decisions.none': 'Aucune décision ouverte.',
  'charter.decision': 'Activation de l’art. {article} — incident n° {incident}, partie attaquée : {victim}',
  'charter.deadline': 'Échéance : {date}',
  'charter.awaiting': 'Attend le vote de : {parties}',
  'charter.vote.assent': 'Approuver',
  'charter.vote.objection': 'S’opposer',
  'charter.vote.abstention': 'S’abstenir',
  'charter.vote.done': 'Vote enregistré.',
  'charter.advanced': 'Obligation mise à jour.',
  'charter.cases': 'Devoir d’assistance : dossiers ouverts',
  'charter.cases.none': 'Aucun dossier d’assistance.',
  'charter.case':
    'Dossier {id} — art. {article}, incident n° {incident}, partie attaquée : {victim}, activé il y a {hours} h',
  'charter.obligation.state': '{state} depuis {hours} h',
  'charter.overdue': 'En retard : {expected} attendu le {date}',
  'charter.advance': 'Passer à « {state} »',
  'charter.advance.prompt': 'Précisez (ce qui est promis, livré, ou pourquoi refusé) :',
  'obligation.pending': 'en attente',
  'obligation.acknowledged': 'accusé réception',
  'obligation.pledged': 'promis',
  'obligation.delivering': 'en cours de livraison',
  'obligation.fulfilled': 'rempli',
  'obligation.declined': 'refusé',
  loading: 'Chargement…',
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'app.title': 'Liptako — situation room',
  'app.skip': 'Skip to content',
  'nav.map': 'Map',
  'nav.triage': 'Triage',
  'nav.report': 'Report',
  'nav.signout': 'Sign out',
  'lang.switch': 'Français',
  'lang.switch.label': 'Passer en français',
  'classification.label': 'Classification on screen',
  'classification.PUBLIC': 'PUBLIC',
  'classification.AES_RESTRICTED': 'AES RESTRICTED',
  'classification.NATIONAL': 'NATIONAL',
  'signin.title': 'Sign in',
  'signin.username': 'User name',
  'signin.password': 'Password',
  'signin.token': 'API token',
  'signin.with.password': 'With a password',
  'signin.with.token': 'With a token',
  'signin.submit': 'Sign in',
  'signin.failed': 'Sign-in refused: {message}',
  'filters.title': 'Filters',
  'filters.country': 'Country',
  'filters.admin1': 'Region',
  'filters.event_type': 'Event type',
  'filters.sub_event_type': 'Sub-type',
  'filters.actor': 'Actor',
  'filters.status': 'Status',
  'filters.q': 'Text',
  'filters.all': 'All',
  'filters.apply': 'Apply',
  'filters.reset': 'Reset',
  'time.from': 'From',
  'time.to': 'To',
  'time.window': 'Window',
  'time.end': 'Window end',
  'time.play': 'Play',
  'time.pause': 'Pause',
  'time.1m': '1 month',
  'time.3m': '3 months',
  'time.1y': '1 year',
  'time.5y': '5 years',
  'map.label': 'Situation map',
  'map.size': 'Size',
  'map.size.count': 'Count',
  'map.size.fatalities': 'Fatalities',
  'map.loading': 'Loading…',
  'map.layer.failed': 'The "{layer}" layer could not be loaded; the map keeps what it showed. {message}',
  'map.total': '{count} incidents in view',
  'map.cluster': '{count} incidents, {fatalities} fatalities — click to zoom in',
  'map.legend': 'Legend',
  'timeline.title': 'Weekly timeline',
  'timeline.week': 'Week of {date}: {count} incidents, {fatalities} fatalities',
  'timeline.empty': 'No incident for this filter.',
  'timeline.count': 'Incidents',
  'timeline.fatalities': 'Fatalities',
  'list.title': 'Incidents',
  'list.more': 'Next',
  'list.empty': 'No incident.',
  'col.date': 'Date',
  'col.type': 'Type',
  'col.place': 'Place',
  'col.actors': 'Actors',
  'col.fatalities': 'Fatalities',
  'col.status': 'Status',
  'status.machine-coded': 'machine-coded',
  'status.reported': 'reported',
  'status.verified': 'verified',
  'status.rejected': 'rejected',
  'detail.title': 'Incident #{id}',
  'detail.back': 'Back',
  'detail.coding': 'Coding',
  'detail.sources': 'Sources',
  'detail.history': 'Revision history',
  'detail.no.sources': 'No linked source (bulk import).',
  'detail.no.history': 'No revision.',
  'detail.edit': 'Edit coding',
  'detail.save': 'Save',
  'detail.cancel': 'Cancel',
  'detail.reason': 'Reason (required)',
  'detail.verify': 'Verify',
  'detail.reject': 'Reject',
  'detail.saved': 'Saved (revision {revision}).',
  'detail.confidence': 'confidence {value}',
  'detail.extracted': 'Extracted',
  'detail.revision': 'Revision {revision}, {date}, by {by}: {reason}',
  'detail.merged.into': 'Merged into incident #{id}',
  'field.event_date': 'Date',
  'field.event_type': 'Event type',
  'field.sub_event_type': 'Sub-type',
  'field.actor1': 'Actor 1',
  'field.actor2': 'Actor 2',
  'field.country': 'Country',
  'field.admin1': 'Region',
  'field.admin2': 'Admin 2',
  'field.location': 'Place',
  'field.latitude': 'Latitude',
  'field.longitude': 'Longitude',
  'field.fatalities': 'Fatalities',
  'field.notes': 'Notes',
  'field.status': 'Status',
  'field.classification': 'Classification',
  'field.origin': 'Origin',
  'field.source': 'Source',
  'triage.title': 'Triage queue',
  'triage.count': '{count} waiting',
  'triage.help':
    'Shortcuts: j/k or ↓/↑ move · x select · v verify · r reject · m merge the selection into the current item · Enter open · a select all',
  'triage.verify.selected': 'Verify selection ({count})',
  'triage.reject.selected': 'Reject selection ({count})',
  'triage.merge': 'Merge selection into #{id}',
  'triage.reason.prompt': 'Reason for rejection:',
  'triage.merge.prompt': 'Reason for the merge:',
  'triage.done': '{updated} updated, {failed} refused.',
  'triage.empty': 'Nothing to triage.',
  'triage.select': 'Select #{id}',
  'report.title': 'Field report',
  'report.intro':
    'The report is kept on this device and sent as soon as the connection returns. It is never sent twice.',
  'report.source': 'Source (who reports)',
  'report.text': 'What happened',
  'report.place': 'Place',
  'report.date': 'Date of the events',
  'report.locate': 'My position',
  'report.classification': 'Classification',
  'report.submit': 'Send',
  'report.queued': 'Report saved on the device; it will be sent as soon as possible.',
  'report.sent': 'Report received by the server (#{id}).',
  'report.outbox': 'Waiting to be sent: {count}',
  'report.outbox.empty': 'No report waiting.',
  'report.offline': 'Offline',
  'report.online': 'Online',
  'report.failed': 'Refused by the server: {message}. Correct it and send again.',
  'report.retry': 'Send now',
  'report.discard': 'Delete',
  'error.offline': 'The server cannot be reached. Check the connection; what is shown may be out of date.',
  'error.unauthorised': 'Your session has expired: sign in again.',
  'error.forbidden': 'You may not do this: {message}',
  'error.not_found': 'Not found, or you have no access to it.',
  'error.invalid': 'Refused: {message}',
  'error.conflict': 'Conflict: someone changed this in the meantime. Reload. ({message})',
  'error.rate': 'Too many attempts: try again later.',
  'error.invalid_credentials': 'wrong user name or password',
  'error.server': 'Server error ({message}). Try again; if it persists, report it.',
  'footer.attribution':
    'Contains data from GeoNames (geonames.org), CC BY 4.0 · Borders: Natural Earth (public domain) · Taxonomy: ACLED',
  'footer.demo': 'DEMO incidents are fictitious.',
  'nav.charter': 'Charter',
  'charter.title': 'Liptako-Gourma Charter',
  'charter.panel': 'Charter articles',
  'charter.evaluate': 'Evaluate against the Charter',
  'charter.none': 'No proposal: the incident has not been evaluated yet, or engages no article.',
  'charter.article': 'Art. {article}',
  'charter.status.engaged': 'engaged',
  'charter.status.proposed': 'proposed',
  'charter.status.not_engaged': 'not engaged',
  'charter.state.open': 'to review',
  'charter.state.confirmed': 'confirmed',
  'charter.state.rejected': 'set aside',
  'charter.missing': 'Missing facts: {facts}',
  'charter.obligations': 'Obligations: {list}',
  'charter.confirm': 'Confirm',
  'charter.reject': 'Set aside',
  'charter.review.prompt': 'Reason for the decision:',
  'charter.reviewed': 'Reviewed: {verdict} — {reason}',
  'charter.decisions': 'Open decisions (unanimity)',
  'charter.decisions.none': 'No open decision.',
  'charter.decision': 'Activation of Art. {article} — incident #{incident}, party attacked: {victim}',
  'charter.deadline': 'Deadline: {date}',
  'charter.awaiting': 'Waiting for the vote of: {parties}',
  'charter.vote.assent': 'Assent',
  'charter.vote.objection': 'Object',
  'charter.vote.abstention': 'Abstain',
  'charter.vote.done': 'Vote recorded.',
  'charter.advanced': 'Obligation updated.',
  'charter.cases': 'Duty of assistance: open cases',
  'charter.cases.none': 'No assistance case.',
  'charter.case':
    'Case {id} — Art. {article}, incident #{incident}, party attacked: {victim}, activated {hours} h ago',
  'charter.obligation.state': '{state} for {hours} h',
  'charter.overdue': 'Overdue: {expected} expected by {date}',
  'charter.advance': 'Move to "{state}"',
  'charter.advance.prompt': 'Say what was pledged or delivered, or why declined:',
  'obligation.pending': 'pending',
  'obligation.acknowledged': 'acknowledged',
  'obligation.pledged': 'pledged',
  'obligation.delivering': 'delivering',
  'obligation.fulfilled': 'fulfilled',
  'obligation.declined': 'declined',
  loading: 'Loading…',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { fr, en };
const STORAGE_KEY = 'liptako.lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

/** Re-render the calling component when the language changes. */
export function useLang(): Lang {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const l = () => setValue(current);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return value;
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = MESSAGES[current][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? formatNumber(v) : v;
  });
}

const locale = () => (current === 'fr' ? 'fr-FR' : 'en-GB');

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** A calendar day (YYYY-MM-DD) in the user's language, without time-zone shifts. */
export function formatDay(day: string, style: 'long' | 'short' = 'long'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return day;
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    ...(style === 'long'
      ? { day: 'numeric', month: 'long', year: 'numeric' }
      : { day: '2-digit', month: '2-digit', year: 'numeric' }),
  }).format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Event types and sub-types: French labels come from the server's taxonomy. */
const typeLabels = new Map<string, string>();
export function registerTypeLabels(pairs: Iterable<[string, string]>): void {
  for (const [name, frLabel] of pairs) typeLabels.set(name, frLabel);
}
export function typeLabel(name: string): string {
  return current === 'fr' ? (typeLabels.get(name) ?? name) : name;
}
