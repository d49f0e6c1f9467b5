'use strict';
// The wallboard: the live figures of /api/contacts/live, /api/agents/live and /api/emails/live,
// refreshed every kic.wallboard.refresh-seconds. Every string from the server is set as text, never
// as markup. Figures are judged as they are shown, and a board whose figures are not current says so
// over its whole width.

const TEXTS = {
  nl: { title: 'KiC — live', calls: 'Telefoon', chats: 'Chat', email: 'E-mail', category: 'Categorie', backlog: 'Openstaand',
        overdue: 'Buiten termijn', oldest: 'Langst open (werkdagen)', waitingNow: 'In de wacht', longestWait: 'Langst wachtend',
        reach15: 'Bereikbaarheid laatste kwartier', reachToday: 'Bereikbaarheid vandaag', asa15: 'Gem. wachttijd laatste kwartier',
        asaToday: 'Gem. wachttijd vandaag', agentsAvailable: 'Medewerkers beschikbaar', busy: 'in gesprek', away: 'afwezig',
        total: 'Totaal', good: '✔ goed', attention: '▲ let op', critical: '✖ kritiek', updated: 'Bijgewerkt',
        newest: 'Laatste gegevens', ago: 'geleden', stale: '⚠ verouderd', hours: 'u',
        expectedToday: 'Verwacht tot nu', offeredToday: 'aangeboden', wholeDay: 'verwacht hele dag',
        offlineSince: 'Geen verbinding sinds {0} — cijfers niet actueel', offline: 'Geen verbinding — cijfers niet actueel',
        refusedSince: 'Geen toegang sinds {0} (token van dit scherm ongeldig?) — cijfers niet actueel',
        failingSince: 'De server geeft geen cijfers sinds {0} (HTTP {1}) — cijfers niet actueel',
        staleSince: '{0}: geen nieuwe gegevens sinds {1} — cijfers niet actueel',
        broken: 'Fout bij het tonen van de cijfers — cijfers niet actueel',
        other: 'English', otherLang: 'en', locale: 'nl-NL' },
  en: { title: 'KiC — live', calls: 'Phone', chats: 'Chat', email: 'E-mail', category: 'Category', backlog: 'Open',
        overdue: 'Overdue', oldest: 'Open longest (working days)', waitingNow: 'Waiting', longestWait: 'Longest waiting',
        reach15: 'Reachability last 15 min', reachToday: 'Reachability today', asa15: 'Avg. wait last 15 min',
        asaToday: 'Avg. wait today', agentsAvailable: 'Agents available', busy: 'busy', away: 'away',
        total: 'Total', good: '✔ good', attention: '▲ attention', critical: '✖ critical', updated: 'Updated',
        newest: 'Latest data', ago: 'ago', stale: '⚠ stale', hours: 'h',
        expectedToday: 'Expected so far', offeredToday: 'offered', wholeDay: 'expected all day',
        offlineSince: 'No connection since {0} — figures not current', offline: 'No connection — figures not current',
        refusedSince: 'No access since {0} (is this screen\'s token still valid?) — figures not current',
        failingSince: 'The server gives no figures since {0} (HTTP {1}) — figures not current',
        staleSince: '{0}: no new data since {1} — figures not current',
        broken: 'The figures could not be shown — figures not current',
        other: 'Nederlands', otherLang: 'nl', locale: 'en-GB' }
};
const CHANNELS = ['CALL', 'CHAT'];
const VIEWS = { alles: ['CALL', 'CHAT', 'EMAIL'], telefoon: ['CALL'], chat: ['CHAT'], email: ['EMAIL'] };

const params = new URLSearchParams(location.search);
let language = params.get('lang') === 'en' ? 'en' : 'nl';
const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const view = has(VIEWS, params.get('view')) ? params.get('view') : 'alles';
/** The server's settings (/api/wallboard/settings) over these, once it has given them. */
const DEFAULTS = { reachabilityTarget: 0.8, reachabilityFloor: 0.6, longestWaitAttentionSeconds: 1200, longestWaitCriticalSeconds: 1800,
                   averageWaitAttentionSeconds: 900, averageWaitCriticalSeconds: 1500, refreshSeconds: 2, zone: 'Europe/Amsterdam',
                   categoryNames: {}, categoryOrder: [], mustAnswerCategories: [] };
let settings = DEFAULTS;
let settingsLoaded = false;
const t = key => TEXTS[language][key];
const fill = (text, ...values) => values.reduce((s, v, i) => s.replace('{' + i + '}', () => v), text);

// ---- Figures as shown, and judged as shown ----

/** A share as the whole percentage the board shows (halves up), or null. */
function percentShown(share) {
  return share == null ? null : Math.round(share * 100 + 1e-9);
}
function percent(share) {
  const shown = percentShown(share);
  return shown == null ? '–' : shown + '%';
}
/** Whole seconds as m:ss below an hour, u:mm:ss from an hour. */
function clockText(wholeSeconds) {
  const h = Math.floor(wholeSeconds / 3600), m = Math.floor(wholeSeconds % 3600 / 60), s = wholeSeconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
}
/** An elapsed time (the longest wait now), counted in whole seconds: 59.6 s has not yet been a minute. */
function elapsed(seconds) {
  return seconds == null ? '–' : clockText(Math.floor(seconds));
}
/** An average, rounded to whole seconds half up, as the report rounds: 359.6 s is 6:00. */
function average(seconds) {
  return seconds == null ? '–' : clockText(Math.round(seconds));
}
/** The age of the newest data: m:ss below an hour, then hours and minutes ("15 u 53 min"). */
function age(seconds) {
  if (seconds == null) return '–';
  const whole = Math.floor(seconds);
  return whole < 3600 ? clockText(whole) : Math.floor(whole / 3600) + ' ' + t('hours') + ' ' + Math.floor(whole % 3600 / 60) + ' min';
}
/** Good from the target, critical below the floor, both compared with the percentage as shown. */
function reachabilityStatus(share) {
  const shown = percentShown(share);
  if (shown == null) return null;
  if (shown >= settings.reachabilityTarget * 100 - 1e-9) return 'good';
  return shown < settings.reachabilityFloor * 100 - 1e-9 ? 'critical' : 'attention';
}
function waitStatus(shownSeconds, attention, critical) {
  if (shownSeconds == null) return null;
  return shownSeconds >= critical ? 'critical' : shownSeconds >= attention ? 'attention' : 'good';
}
function longestWaitStatus(seconds) {
  return seconds == null ? null
    : waitStatus(Math.floor(seconds), settings.longestWaitAttentionSeconds, settings.longestWaitCriticalSeconds);
}
function averageWaitStatus(seconds) {
  return seconds == null ? null
    : waitStatus(Math.round(seconds), settings.averageWaitAttentionSeconds, settings.averageWaitCriticalSeconds);
}
function timeOfDay(instant, withSeconds) {
  return new Date(instant).toLocaleTimeString(t('locale'),
    { timeZone: settings.zone, hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined });
}
/** A time, with its weekday when it is not of the same day as {@code now}: "vr 17:59" on a Monday. */
function timeSince(instant, now, withSeconds) {
  const day = i => new Date(i).toLocaleDateString('en-CA', { timeZone: settings.zone });
  const weekday = day(instant) === day(now) ? ''
    : new Date(instant).toLocaleDateString(t('locale'), { timeZone: settings.zone, weekday: 'short' }) + ' ';
  return weekday + timeOfDay(instant, withSeconds);
}

// ---- Building the board (text only) ----

function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'class') e.className = value; else e.setAttribute(name, value);
  }
  for (const child of children) {
    if (child != null) e.append(child);
  }
  return e;
}
function value(key, name, text) {
  return el('span', { class: 'value', 'data-queue': key, 'data-figure': name }, String(text));
}
function badge(status) {
  return status ? el('span', { class: 'status ' + status }, t(status)) : null;
}
function figure(key, name, label, shown, status, sub, unit) {
  return el('div', { class: 'figure' }, el('div', { class: 'label' }, label),
    el('div', { class: 'line' }, value(key, name, shown), unit ? el('span', { class: 'unit' }, ' ' + unit) : null),
    badge(status), sub ? el('div', { class: 'sub' }, ...sub) : null);
}
/**
 * Verwacht vandaag: today's forecast so far against the calls offered so far, and the whole day's;
 * only for a channel the server could forecast (it needs a week of history before today).
 */
function expectedToday(key, channel) {
  const f = todayForecast && todayForecast.channels.find(c => c.channel === channel);
  if (!f) return null;
  const whole = n => Math.round(n).toLocaleString(t('locale'));
  return figure(key, 'expectedSoFar', t('expectedToday'), whole(f.expectedSoFar), null,
    [value(key, 'offeredSoFar', whole(f.offeredSoFar)), ' ' + t('offeredToday') + ' · ', value(key, 'expectedDay', whole(f.expectedDay)),
     ' ' + t('wholeDay')]);
}
/** A channel's whole picture: its total, or its only queue. */
function detailTile(row, agents, title) {
  const key = row.channel + ':' + row.queue;
  const a = agents || { available: '–', busy: '–', away: '–' };
  return el('div', { class: 'tile total fit-box', role: 'group', 'aria-label': title }, el('h3', {}, title), el('div', { class: 'figures' },
    figure(key, 'waitingNow', t('waitingNow'), row.waitingNow),
    figure(key, 'longestWaitNow', t('longestWait'), elapsed(row.longestWaitNowSeconds), longestWaitStatus(row.longestWaitNowSeconds)),
    figure(key, 'reachability15', t('reach15'), percent(row.last15Minutes.reachability), reachabilityStatus(row.last15Minutes.reachability)),
    figure(key, 'reachabilityToday', t('reachToday'), percent(row.today.reachability), reachabilityStatus(row.today.reachability)),
    figure(key, 'asa15', t('asa15'), average(row.last15Minutes.asaSeconds), averageWaitStatus(row.last15Minutes.asaSeconds)),
    figure(key, 'asaToday', t('asaToday'), average(row.today.asaSeconds), averageWaitStatus(row.today.asaSeconds)),
    figure(key, 'agentsAvailable', t('agentsAvailable'), a.available, null,
      [value(key, 'agentsBusy', a.busy), ' ' + t('busy') + ' · ', value(key, 'agentsAway', a.away), ' ' + t('away')]),
    figure(key, 'newestEvent', t('newest'), age(row.newestEventAgeSeconds), row.stale ? 'stale' : null, null, t('ago')),
    expectedToday(key, row.channel)));
}
/** A queue in a channel of several: the two figures a supervisor acts on. */
function queueTile(row) {
  const key = row.channel + ':' + row.queue;
  return el('div', { class: 'tile queue', role: 'group', 'aria-label': row.queue }, el('h3', {}, row.queue), el('div', { class: 'figures' },
    figure(key, 'waitingNow', t('waitingNow'), row.waitingNow),
    figure(key, 'longestWaitNow', t('longestWait'), elapsed(row.longestWaitNowSeconds), longestWaitStatus(row.longestWaitNowSeconds))));
}
function queueGrid(rows) {
  const n = rows.length;
  const columns = n <= 3 ? n : n <= 6 ? 3 : n <= 12 ? 4 : Math.ceil(Math.sqrt(n * 1.5));
  const grid = el('div', { class: 'queues fit-box' }, ...rows.map(queueTile));
  grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
  grid.style.gridTemplateRows = `repeat(${Math.ceil(n / columns)}, minmax(0, 1fr))`;
  return grid;
}
function renderChannel(channel, live, agents) {
  const rows = live.queues.filter(q => q.channel === channel);
  const queues = rows.filter(q => q.queue !== 'ALL');
  const total = rows.find(q => q.queue === 'ALL');
  const channelAgents = agents.channels.find(a => a.name === channel);
  const body = document.getElementById(channel);
  const section = document.getElementById('section-' + channel);
  section.hidden = !VIEWS[view].includes(channel) || !total;
  body.classList.toggle('single', queues.length === 1);
  if (!total) {
    body.replaceChildren();
  } else if (queues.length === 1) {
    body.replaceChildren(detailTile(queues[0], channelAgents, queues[0].queue));
  } else {
    body.replaceChildren(detailTile(total, channelAgents, t('total')), queueGrid(queues));
  }
  section.classList.toggle('degraded', Boolean(total && total.stale));
  return total && total.stale ? total : null;
}
/**
 * The backlog per category, the must-answer categories first. Past the deadline is critical only in
 * a category that must always be answered: the others are, by policy, often not answered at all.
 */
function renderEmail(email) {
  document.getElementById('section-EMAIL').hidden = !VIEWS[view].includes('EMAIL');
  const names = settings.categoryNames[language] || {};
  const rank = c => c === 'ALL' ? Infinity : settings.categoryOrder.includes(c) ? settings.categoryOrder.indexOf(c) : settings.categoryOrder.length;
  const mustAnswerOverdue = email.categories.some(c => settings.mustAnswerCategories.includes(c.category) && c.overdueNow > 0);
  const rows = [...email.categories].sort((a, b) => rank(a.category) - rank(b.category));
  document.querySelector('#email tbody').replaceChildren(...rows.map(c => {
    const key = 'EMAIL:' + c.category;
    const critical = c.category === 'ALL' ? mustAnswerOverdue : settings.mustAnswerCategories.includes(c.category) && c.overdueNow > 0;
    return el('tr', c.category === 'ALL' ? { class: 'total' } : {},
      el('td', {}, c.category === 'ALL' ? t('total') : has(names, c.category) ? names[c.category] : c.category),
      el('td', {}, value(key, 'backlog', c.backlog)),
      el('td', {}, value(key, 'overdueNow', c.overdueNow), critical ? ' ' : null, badge(critical ? 'critical' : null)),
      el('td', {}, value(key, 'oldestOpenWorkingDays', c.oldestOpenWorkingDays)));
  }));
}
function render(live, agents, email) {
  const clock = new Date(live.clock);
  document.getElementById('clock').textContent = clock.toLocaleString(t('locale'),
    { timeZone: settings.zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  document.getElementById('updated').textContent = t('updated') + ' ' + timeOfDay(live.clock, true);
  const stale = CHANNELS.map(channel => renderChannel(channel, live, agents)).filter(Boolean);
  renderEmail(email);
  const main = document.getElementById('board');
  main.classList.add('view-' + view);
  main.classList.toggle('no-chat', document.getElementById('section-CHAT').hidden);
  fit();
  return stale.map(row => fill(t('staleSince'), t(row.channel === 'CALL' ? 'calls' : 'chats'),
    timeSince(clock.getTime() - row.newestEventAgeSeconds * 1000, clock.getTime(), false)));
}

/**
 * Gives each fit box the largest text (within bounds) at which nothing in it overflows, by halving
 * the interval between a size that fits and one that does not. Between changes of the board's
 * structure (its tiles, language, banner and size) a box only shrinks, so that its text does not jump
 * when a figure changes from 9:59 to 10:00.
 */
let fittedFor = null;
function fit() {
  const structure = [innerWidth, innerHeight, language, document.getElementById('banner').hidden,
    ...[...document.querySelectorAll('.fit-box')].map(b => b.offsetParent === null ? '' : b.className + b.childElementCount)].join('|');
  const regrow = structure !== fittedFor;
  fittedFor = structure;
  for (const box of document.querySelectorAll('.fit-box')) {
    if (box.offsetParent === null) continue;
    const largest = Number(box.dataset.fitMax) || 1.5;
    const current = Number(box.style.getPropertyValue('--fit')) || largest;
    let fits = 0.3, tooLarge = regrow ? largest : current;
    box.style.setProperty('--fit', tooLarge);
    if (!overflows(box)) continue;
    while (tooLarge - fits > 0.02) {
      const middle = (fits + tooLarge) / 2;
      box.style.setProperty('--fit', middle);
      if (overflows(box)) tooLarge = middle; else fits = middle;
    }
    box.style.setProperty('--fit', fits);
  }
}
/** Whether anything in the box overflows it, a tile, or the figure it belongs to (padding included). */
function overflows(box) {
  if ([box, ...box.querySelectorAll('.tile')].some(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)) {
    return true;
  }
  return [...box.querySelectorAll('.figure .line')].some(line => {
    const tile = line.closest('.tile');
    const padding = parseFloat(getComputedStyle(tile).paddingRight);
    return line.lastChild.getBoundingClientRect().right > tile.getBoundingClientRect().right - padding + 1;
  });
}

// ---- Refreshing, and saying when the figures are not current ----

class HttpError extends Error {
  constructor(status) { super('HTTP ' + status); this.status = status; }
}
async function json(path, timeoutMillis) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMillis);
  try {
    // With viewer tokens, the screen's token travels in its cookie (set when the board was opened as /?token=…).
    const response = await fetch(path, { cache: 'no-store', signal: abort.signal });
    if (!response.ok) throw new HttpError(response.status);
    return await response.json();
  } finally {
    clearTimeout(timer);
  }
}
/** Refreshes so far, refreshes failed in a row, and the refresh at which the banner last appeared (the tests read these). */
let refreshes = 0;
let failuresInARow = 0;
let lastFailure = null;
let bannerShownAtRefresh = null;
let last = null;
let lastClock = null;
function showBanner(messages) {
  const banner = document.getElementById('banner');
  if (messages.length > 0 && banner.hidden) bannerShownAtRefresh = refreshes;
  const text = messages.length > 0 ? '⚠ ' + messages.join('; ') : '';
  if (banner.textContent !== text) banner.textContent = text;
  if (banner.hidden !== (messages.length === 0)) {
    banner.hidden = messages.length === 0;
    fit(); // the board's height changed
  }
}
/** Why the figures are not current when two refreshes in a row failed: no answer, no access, or an error answer. */
function failureText() {
  const since = lastClock ? timeOfDay(lastClock, true) : null;
  if (lastFailure instanceof HttpError && (lastFailure.status === 401 || lastFailure.status === 403)) {
    return fill(t('refusedSince'), since || '–');
  }
  if (lastFailure instanceof HttpError) return fill(t('failingSince'), since || '–', lastFailure.status);
  return since ? fill(t('offlineSince'), since) : t('offline');
}
function redraw() {
  const offline = failuresInARow >= 2;
  let messages;
  try {
    const stale = last ? render(...last) : [];
    messages = offline ? [failureText()] : stale;
  } catch (e) {
    messages = [t('broken')];
  }
  document.getElementById('board').classList.toggle('degraded', offline);
  document.querySelector('header').classList.toggle('degraded', offline);
  showBanner(messages);
}
async function refresh() {
  refreshes++;
  const period = settings.refreshSeconds * 1000;
  try {
    if (!settingsLoaded) await loadSettings();
    // A slow answer is waited for up to two refresh periods before it counts as none.
    const timeout = Math.max(4000, 2 * period);
    last = await Promise.all([json('/api/contacts/live', timeout), json('/api/agents/live', timeout), json('/api/emails/live', timeout)]);
    refreshForecast();
    lastClock = last[0].clock;
    failuresInARow = 0;
  } catch (e) {
    failuresInARow++;
    lastFailure = e;
  }
  redraw();
  setTimeout(refresh, period);
}
/**
 * Today's forecast, asked for once a minute and never waited for: the board shows it when it is there
 * (the server makes it once an hour, which takes seconds), and without it the board is the same.
 */
let todayForecast = null;
let forecastAskedAt = 0;
function refreshForecast() {
  if (Date.now() - forecastAskedAt < 60000) return;
  forecastAskedAt = Date.now();
  json('/api/forecast/today', 60000).then(answer => {
    const changed = JSON.stringify(answer.channels) !== JSON.stringify(todayForecast && todayForecast.channels);
    todayForecast = answer;
    if (changed) {
      fittedFor = null;
      redraw();
    }
  }, () => {});
}
async function loadSettings() {
  const loaded = await json('/api/wallboard/settings', 10000);
  settings = Object.assign({}, DEFAULTS, loaded);
  settings.refreshSeconds = Math.max(1, Number(settings.refreshSeconds) || DEFAULTS.refreshSeconds);
  settingsLoaded = true;
  fittedFor = null;
}
function applyLanguage() {
  document.documentElement.lang = language;
  document.querySelectorAll('[data-text]').forEach(e => e.textContent = t(e.dataset.text));
  const button = document.getElementById('language');
  button.textContent = t('other');
  button.lang = t('otherLang');
}
document.getElementById('language').addEventListener('click', () => {
  language = language === 'nl' ? 'en' : 'nl';
  // The choice stays in the address, with the other parameters, so that a reload keeps it.
  const address = new URL(location.href);
  address.searchParams.set('lang', language);
  history.replaceState(null, '', address);
  applyLanguage();
  redraw();
});
window.addEventListener('resize', () => fit());
applyLanguage();
refresh();
