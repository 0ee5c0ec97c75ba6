// First page of Liptako: sign in with a token, filter and read incidents. French first, English one
// click away. The full situation room (map, timeline, triage) replaces this page in web/src.
const TEXT = {
  fr: {
    tagline: 'Alliance des États du Sahel — défense collective et assistance mutuelle',
    classificationUnknown: 'Classification : non connecté',
    apiDocs: "Documentation de l'API",
    signOut: 'Se déconnecter',
    signInTitle: 'Connexion',
    signInHelp:
      "Collez votre jeton d'API. Au premier démarrage, « npm start » affiche un jeton d'administrateur ; ensuite : npx liptako users create --name NOM --role analyst",
    token: 'Jeton',
    signIn: 'Se connecter',
    country: 'Pays',
    all: 'Tous',
    eventType: "Type d'événement",
    from: 'Du',
    to: 'Au',
    search: 'Recherche',
    apply: 'Appliquer',
    incidents: 'Incidents',
    date: 'Date',
    place: 'Lieu',
    actors: 'Acteurs',
    fatalities: 'Morts',
    status: 'Statut',
    more: 'Suite',
    attribution:
      'Contient des données de GeoNames (geonames.org), CC BY 4.0 ; frontières : Natural Earth (domaine public).',
    shown: (n, more) =>
      `${n.toLocaleString('fr-FR')} incidents affichés${more ? ' (il y en a d’autres)' : ''}`,
    badToken: 'Jeton refusé : vérifiez-le ou demandez-en un nouveau.',
    maxClass: (c) => `Classification maximale visible : ${c}`,
    notes: 'Notes',
    source: 'Source',
    history: 'Historique',
    noHistory: 'Aucune modification depuis sa création.',
    revision: (r) => `révision ${r.revision}, ${r.changed_at.slice(0, 10)}, ${r.changed_by} : ${r.reason}`,
    demo: 'DÉMO',
  },
  en: {
    tagline: 'Alliance of Sahel States — collective defence and mutual assistance',
    classificationUnknown: 'Classification: not signed in',
    apiDocs: 'API documentation',
    signOut: 'Sign out',
    signInTitle: 'Sign in',
    signInHelp:
      'Paste your API token. On first start, "npm start" prints an admin token; after that: npx liptako users create --name NAME --role analyst',
    token: 'Token',
    signIn: 'Sign in',
    country: 'Country',
    all: 'All',
    eventType: 'Event type',
    from: 'From',
    to: 'To',
    search: 'Search',
    apply: 'Apply',
    incidents: 'Incidents',
    date: 'Date',
    place: 'Place',
    actors: 'Actors',
    fatalities: 'Fatalities',
    status: 'Status',
    more: 'More',
    attribution:
      'Contains data from GeoNames (geonames.org), CC BY 4.0; borders: Natural Earth (public domain).',
    shown: (n, more) => `${n.toLocaleString('en-GB')} incidents shown${more ? ' (more available)' : ''}`,
    badToken: 'Token refused: check it or ask for a new one.',
    maxClass: (c) => `Highest classification visible: ${c}`,
    notes: 'Notes',
    source: 'Source',
    history: 'History',
    noHistory: 'No change since it was recorded.',
    revision: (r) => `revision ${r.revision}, ${r.changed_at.slice(0, 10)}, ${r.changed_by}: ${r.reason}`,
    demo: 'DEMO',
  },
};
const EVENT_TYPES = {
  Battles: { fr: 'Combats', en: 'Battles' },
  'Explosions/Remote violence': { fr: 'Explosions / violence à distance', en: 'Explosions/Remote violence' },
  'Violence against civilians': { fr: 'Violence contre les civils', en: 'Violence against civilians' },
  Protests: { fr: 'Manifestations', en: 'Protests' },
  Riots: { fr: 'Émeutes', en: 'Riots' },
  'Strategic developments': { fr: 'Développements stratégiques', en: 'Strategic developments' },
};
const STATUS = {
  'machine-coded': { fr: 'codé automatiquement', en: 'machine-coded' },
  reported: { fr: 'signalé', en: 'reported' },
  verified: { fr: 'vérifié', en: 'verified' },
  rejected: { fr: 'rejeté', en: 'rejected' },
};
const CLASSIFICATION = {
  admin: 'NATIONAL',
  analyst: 'NATIONAL',
  liaison: 'NATIONAL',
  'decision-maker': 'NATIONAL',
  observer: 'PUBLIC',
};

let lang = localStorage.getItem('liptako.lang') ?? 'fr';
let token = sessionStorage.getItem('liptako.token');
let cursor = null;
const $ = (sel) => document.querySelector(sel);
const t = (key, ...args) => {
  const v = TEXT[lang][key];
  return typeof v === 'function' ? v(...args) : v;
};
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const c of children) node.append(c);
  return node;
};

async function api(path) {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.json();
  if (!res.ok) throw Object.assign(new Error(body.message ?? res.statusText), { status: res.status });
  return body;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  $('#lang').textContent = lang === 'fr' ? 'EN' : 'FR';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  const select = $('#event-type');
  const current = select.value;
  select.replaceChildren(el('option', { value: '', textContent: t('all') }));
  for (const [value, label] of Object.entries(EVENT_TYPES))
    select.append(el('option', { value, textContent: label[lang] }));
  select.value = current;
}

function formatDate(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
  });
}

function row(incident) {
  const tr = el('tr', { tabIndex: 0 });
  const place = [incident.location, incident.admin1].filter(Boolean).join(', ');
  const actors = [incident.actor1, incident.actor2].filter(Boolean).join(' — ');
  tr.append(
    el('td', { textContent: formatDate(incident.event_date) }),
    el('td', { textContent: incident.country }),
    el('td', { textContent: place }),
    el('td', { textContent: EVENT_TYPES[incident.event_type]?.[lang] ?? incident.event_type }),
    el('td', { textContent: actors }),
    el('td', { className: 'num', textContent: String(incident.fatalities) }),
    el('td', { textContent: STATUS[incident.status]?.[lang] ?? incident.status }),
  );
  if (incident.origin === 'demo')
    tr.children[2].append(' ', el('span', { className: 'demo', textContent: t('demo') }));
  const open = () => showDetail(incident.id);
  tr.addEventListener('click', open);
  tr.addEventListener('keydown', (e) => e.key === 'Enter' && open());
  return tr;
}

async function showDetail(id) {
  const { incident, revisions } = await api(`/api/incidents/${id}`);
  const dl = el('dl');
  const add = (k, v) =>
    v !== null &&
    v !== undefined &&
    v !== '' &&
    dl.append(el('dt', { textContent: k }), el('dd', { textContent: String(v) }));
  add(t('date'), formatDate(incident.event_date));
  add(
    t('eventType'),
    `${EVENT_TYPES[incident.event_type]?.[lang] ?? incident.event_type} / ${incident.sub_event_type}`,
  );
  add(t('actors'), [incident.actor1, incident.actor2].filter(Boolean).join(' — '));
  add(
    t('place'),
    [incident.location, incident.admin2, incident.admin1, incident.country].filter(Boolean).join(', '),
  );
  add('lat, lon', incident.latitude === null ? null : `${incident.latitude}, ${incident.longitude}`);
  add(t('fatalities'), incident.fatalities);
  add(t('status'), STATUS[incident.status]?.[lang] ?? incident.status);
  add('Classification', incident.classification);
  add(t('source'), incident.source);
  add(t('notes'), incident.notes);
  const history = el('ul');
  for (const r of revisions) history.append(el('li', { textContent: t('revision', r) }));
  if (revisions.length === 0) history.append(el('li', { textContent: t('noHistory') }));
  $('#detail').replaceChildren(
    el('h2', { textContent: `#${incident.id}` }),
    dl,
    el('h3', { textContent: t('history') }),
    history,
  );
}

async function load(append) {
  const form = new FormData($('#filters'));
  const params = new URLSearchParams();
  for (const [k, v] of form) if (v) params.set(k, String(v));
  params.set('limit', '50');
  if (append && cursor) params.set('cursor', cursor);
  const page = await api(`/api/incidents?${params}`);
  const body = $('#incidents tbody');
  if (!append) body.replaceChildren();
  for (const i of page.items) body.append(row(i));
  cursor = page.next_cursor;
  $('#more').hidden = cursor === null;
  $('#summary').textContent = t('shown', body.children.length, cursor !== null);
}

async function signIn() {
  try {
    const me = await api('/api/me');
    $('#who').textContent = `${me.name} (${me.role}${me.party ? ` · ${me.party}` : ''})`;
    $('#classification').textContent = t('maxClass', CLASSIFICATION[me.role] ?? 'PUBLIC');
    $('#signin').hidden = true;
    $('#app').hidden = false;
    $('#signout').hidden = false;
    await load(false);
  } catch (err) {
    sessionStorage.removeItem('liptako.token');
    token = null;
    $('#signin-error').textContent = err.status === 401 ? t('badToken') : err.message;
  }
}

$('#lang').addEventListener('click', () => {
  lang = lang === 'fr' ? 'en' : 'fr';
  localStorage.setItem('liptako.lang', lang);
  applyLanguage();
  if (token) void signIn();
});
$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $('#token').value.trim();
  sessionStorage.setItem('liptako.token', token);
  void signIn();
});
$('#signout').addEventListener('click', () => {
  sessionStorage.removeItem('liptako.token');
  location.reload();
});
$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  void load(false).catch((err) => ($('#summary').textContent = err.message));
});
$('#more').addEventListener('click', () => void load(true));

applyLanguage();
if (token) void signIn();
