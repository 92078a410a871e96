// The public booking page: reads the site id from its address, lists the site's free times in the site's local time,
// books one through POST /api/public/bookings with an Idempotency-Key per attempt, and explains every failure.
'use strict';

(function () {
  const MESSAGES = {
    en: {
      title: 'Book an appointment',
      loading: 'Loading free times…',
      retry: 'Try again',
      chooseTime: 'Choose a time',
      yourDetails: 'Your details',
      chosenTime: 'Chosen time:',
      changeTime: 'Choose another time',
      problem: 'Please check your details',
      name: 'Full name',
      phone: 'Mobile phone number',
      phoneHint: 'Start with + and your country code, for example +44 7700 900123. Your reminder is sent to this number.',
      email: 'Email address (optional)',
      book: 'Book this time',
      booking: 'Booking…',
      doneTitle: 'Your booking request is in',
      when: 'When',
      where: 'Where',
      reference: 'Reference',
      nextTitle: 'What happens next',
      next: '{site} will confirm your booking. Once it is confirmed, a reminder is sent by text message to {phone} before your appointment.',
      change: 'To change or cancel, please contact {org}.',
      zoneNote: 'Times are shown in the local time of {site} ({zone}).',
      slotsFound: '{count} free times.',
      slotFound: '1 free time.',
      noSlots: 'There are no free times in the next 31 days. Please contact {org}.',
      slotLabel: '{day} at {time}',
      notFound: 'This booking page does not exist. Please check the link you were given.',
      badLink: 'This link is not complete. Please check the link you were given.',
      taken: 'That time was just taken — here are the nearest free ones:',
      takenNone: 'That time was just taken, and there are no other free times at the moment.',
      rateLimited: 'Too many requests from your connection. Please try again in {minutes} minutes.',
      rateLimitedOne: 'Too many requests from your connection. Please try again in a minute.',
      offline: 'We could not reach the booking service. Please check your connection and try again; your details are kept.',
      serverError: 'Something went wrong on our side. Please try again in a moment.',
      invalid: 'Please correct the highlighted details.',
      nameRequired: 'Enter your full name',
      nameLength: 'Your name must have 2 to 100 characters',
      nameRejected: 'Use letters, spaces, apostrophes, hyphens and full stops only',
      phoneRequired: 'Enter your mobile phone number',
      phoneFormat: 'Enter the number with + and your country code, for example +44 7700 900123',
      emailFormat: 'Enter an email address like name@example.com, or leave it empty',
      booked: 'Your booking request is in.'
    },
    de: {
      title: 'Termin buchen',
      loading: 'Freie Termine werden geladen…',
      retry: 'Erneut versuchen',
      chooseTime: 'Termin wählen',
      yourDetails: 'Ihre Angaben',
      chosenTime: 'Gewählter Termin:',
      changeTime: 'Anderen Termin wählen',
      problem: 'Bitte prüfen Sie Ihre Angaben',
      name: 'Vollständiger Name',
      phone: 'Handynummer',
      phoneHint: 'Beginnen Sie mit + und der Ländervorwahl, zum Beispiel +49 151 23456789. Ihre Erinnerung wird an diese Nummer geschickt.',
      email: 'E-Mail-Adresse (freiwillig)',
      book: 'Diesen Termin buchen',
      booking: 'Wird gebucht…',
      doneTitle: 'Ihre Buchungsanfrage ist eingegangen',
      when: 'Wann',
      where: 'Wo',
      reference: 'Buchungsnummer',
      nextTitle: 'Wie es weitergeht',
      next: '{site} bestätigt Ihre Buchung. Sobald sie bestätigt ist, erhalten Sie vor Ihrem Termin eine Erinnerung per SMS an {phone}.',
      change: 'Für Änderungen oder eine Absage wenden Sie sich bitte an {org}.',
      zoneNote: 'Alle Zeiten in der Ortszeit von {site} ({zone}).',
      slotsFound: '{count} freie Termine.',
      slotFound: '1 freier Termin.',
      noSlots: 'In den nächsten 31 Tagen gibt es keine freien Termine. Bitte wenden Sie sich an {org}.',
      slotLabel: '{day} um {time}',
      notFound: 'Diese Buchungsseite gibt es nicht. Bitte prüfen Sie den Link, den Sie erhalten haben.',
      badLink: 'Dieser Link ist unvollständig. Bitte prüfen Sie den Link, den Sie erhalten haben.',
      taken: 'Dieser Termin wurde gerade vergeben — hier sind die nächsten freien:',
      takenNone: 'Dieser Termin wurde gerade vergeben, und im Moment gibt es keine anderen freien Termine.',
      rateLimited: 'Zu viele Anfragen von Ihrer Verbindung. Bitte versuchen Sie es in {minutes} Minuten erneut.',
      rateLimitedOne: 'Zu viele Anfragen von Ihrer Verbindung. Bitte versuchen Sie es in einer Minute erneut.',
      offline: 'Der Buchungsdienst ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut; Ihre Angaben bleiben erhalten.',
      serverError: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
      invalid: 'Bitte korrigieren Sie die markierten Angaben.',
      nameRequired: 'Geben Sie Ihren vollständigen Namen ein',
      nameLength: 'Ihr Name muss 2 bis 100 Zeichen haben',
      nameRejected: 'Verwenden Sie nur Buchstaben, Leerzeichen, Apostrophe, Bindestriche und Punkte',
      phoneRequired: 'Geben Sie Ihre Handynummer ein',
      phoneFormat: 'Geben Sie die Nummer mit + und Ländervorwahl ein, zum Beispiel +49 151 23456789',
      emailFormat: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein oder lassen Sie das Feld leer',
      booked: 'Ihre Buchungsanfrage ist eingegangen.'
    }
  };

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const E164 = /^\+[1-9]\d{1,14}$/;
  const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/;
  const FIELDS = { clientName: 'name', clientPhone: 'phone', clientEmail: 'email' };
  const NEAREST = 4;

  const language = pickLanguage();
  const locale = pickLocale(language);
  const text = MESSAGES[language];
  const $ = (id) => document.getElementById(id);

  const state = {
    siteId: null,
    site: null,
    slots: [],
    chosen: null,
    attempt: null, // {fingerprint, key}: the idempotency key of one booking attempt, kept while its data stay the same
    busy: false,
    retry: null
  };

  function pickLanguage() {
    const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of wanted) {
      const primary = String(tag).toLowerCase().split('-')[0];
      if (Object.prototype.hasOwnProperty.call(MESSAGES, primary)) {
        return primary;
      }
    }
    return 'en';
  }

  function pickLocale(lang) {
    const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    const match = wanted.find((tag) => String(tag).toLowerCase().split('-')[0] === lang);
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([match || lang]).length ? (match || lang) : lang;
    } catch (e) {
      return lang;
    }
  }

  function t(key, params) {
    let message = text[key] || MESSAGES.en[key] || key;
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        message = message.split('{' + name + '}').join(String(value));
      }
    }
    return message;
  }

  // ------------------------------------------------------------------ formatting in the site's time zone

  function formatter(options) {
    return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: state.site.timezone }, options));
  }

  function dayKey(instant) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: state.site.timezone, year: 'numeric', month: '2-digit', day: '2-digit'
    }).formatToParts(new Date(instant));
    const get = (type) => parts.find((p) => p.type === type).value;
    return get('year') + '-' + get('month') + '-' + get('day');
  }

  const dayName = (instant) => formatter({ weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(instant));
  const timeOf = (instant) => formatter({ hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
  const longWhen = (start, end) =>
    formatter({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(start)) +
    ', ' + timeOf(start) + '–' + timeOf(end);

  // ------------------------------------------------------------------ the page's regions

  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function status(message) {
    $('status').textContent = message;
  }

  function alertWith(message, options) {
    const opts = options || {};
    $('alert-text').textContent = message;
    const list = $('alert-slots');
    list.replaceChildren();
    list.hidden = !(opts.slots && opts.slots.length);
    for (const slot of opts.slots || []) {
      list.appendChild(slotItem(slot, true));
    }
    state.retry = opts.retry || null;
    $('retry').hidden = !opts.retry;
    show('alert', true);
    $('alert').focus();
  }

  function clearAlert() {
    show('alert', false);
    state.retry = null;
  }

  function slotItem(slot, withDay) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'slot';
    button.dataset.slotId = slot.id;
    button.textContent = withDay ? dayName(slot.startTime) + ', ' + timeOf(slot.startTime) : timeOf(slot.startTime);
    button.setAttribute('aria-label', t('slotLabel', { day: dayName(slot.startTime), time: timeOf(slot.startTime) }));
    button.addEventListener('click', () => choose(slot));
    item.appendChild(button);
    return item;
  }

  function renderSlots() {
    const days = $('days');
    days.replaceChildren();
    const groups = new Map();
    for (const slot of state.slots) {
      const key = dayKey(slot.startTime);
      if (!groups.has(key)) {
        groups.set(key, []);
      }
      groups.get(key).push(slot);
    }
    for (const [key, slots] of groups) {
      const section = document.createElement('section');
      section.className = 'day';
      const heading = document.createElement('h3');
      heading.id = 'day-' + key;
      heading.textContent = dayName(slots[0].startTime);
      section.setAttribute('aria-labelledby', heading.id);
      const list = document.createElement('ul');
      list.className = 'slot-list';
      for (const slot of slots) {
        list.appendChild(slotItem(slot, false));
      }
      section.append(heading, list);
      days.appendChild(section);
    }
    const org = state.site.organisationName || state.site.name;
    status(state.slots.length === 0 ? t('noSlots', { org: org })
      : state.slots.length === 1 ? t('slotFound') : t('slotsFound', { count: state.slots.length }));
  }

  // ------------------------------------------------------------------ talking to the public API

  async function api(path, init) {
    let response;
    try {
      response = await fetch(path, Object.assign({ credentials: 'omit', cache: 'no-store' }, init));
    } catch (networkLoss) {
      return { network: true };
    }
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }
    return { status: response.status, body: body, retryAfter: response.headers.get('Retry-After') };
  }

  function explainFailure(answer, retry) {
    if (answer.network) {
      alertWith(t('offline'), { retry: retry });
    } else if (answer.status === 429) {
      const minutes = Math.max(1, Math.ceil(Number(answer.retryAfter || 60) / 60));
      alertWith(minutes === 1 ? t('rateLimitedOne') : t('rateLimited', { minutes: minutes }), { retry: retry });
    } else {
      alertWith(t('serverError'), { retry: retry });
    }
  }

  async function loadSite() {
    const answer = await api('/api/public/sites/' + state.siteId + '/info');
    if (answer.status === 200 && answer.body) {
      return answer.body;
    }
    if (answer.status === 404 || answer.status === 400) {
      status('');
      alertWith(t('notFound'));
      return null;
    }
    status('');
    explainFailure(answer, start);
    return null;
  }

  async function loadSlots() {
    const answer = await api('/api/public/sites/' + state.siteId + '/availability?size=200');
    if (answer.status === 200 && answer.body && Array.isArray(answer.body.data)) {
      state.slots = answer.body.data.slice().sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
      renderSlots();
      return true;
    }
    explainFailure(answer, refresh);
    return false;
  }

  async function start() {
    clearAlert();
    status(t('loading'));
    const site = await loadSite();
    if (!site) {
      return;
    }
    state.site = site;
    document.title = t('title') + ' — ' + site.name;
    $('site-name').textContent = site.name;
    $('org-name').textContent = site.organisationName || '';
    $('site-address').textContent = site.address || '';
    $('site-address').hidden = !site.address;
    $('zone-note').textContent = t('zoneNote', { site: site.name, zone: site.timezone });
    if (await loadSlots()) {
      show('slots-section', true);
    }
  }

  async function refresh() {
    clearAlert();
    status(t('loading'));
    if (await loadSlots()) {
      show('slots-section', !state.chosen);
    }
  }

  // ------------------------------------------------------------------ choosing and booking

  function choose(slot) {
    clearAlert();
    state.chosen = slot;
    $('chosen').textContent = longWhen(slot.startTime, slot.endTime);
    show('slots-section', false);
    show('form-section', true);
    $('form-heading').focus();
  }

  function changeTime() {
    clearAlert();
    state.chosen = null;
    show('form-section', false);
    show('slots-section', true);
    $('slots-heading').focus();
  }

  function normalisePhone(raw) {
    const compact = raw.replace(/[\s\-().\/]/g, '');
    return compact.startsWith('00') ? '+' + compact.slice(2) : compact;
  }

  function readForm() {
    return {
      name: $('name').value.trim().replace(/\s+/g, ' '),
      phone: normalisePhone($('phone').value),
      email: $('email').value.trim()
    };
  }

  function check(values) {
    const problems = {};
    if (!values.name) {
      problems.name = t('nameRequired');
    } else if ([...values.name].length < 2 || [...values.name].length > 100) {
      problems.name = t('nameLength');
    }
    if (!values.phone) {
      problems.phone = t('phoneRequired');
    } else if (!E164.test(values.phone)) {
      problems.phone = t('phoneFormat');
    }
    if (values.email && !EMAIL.test(values.email)) {
      problems.email = t('emailFormat');
    }
    return problems;
  }

  function showProblems(problems) {
    const list = $('error-list');
    list.replaceChildren();
    for (const field of ['name', 'phone', 'email']) {
      const input = $(field);
      const error = $(field + '-error');
      if (problems[field]) {
        input.setAttribute('aria-invalid', 'true');
        error.textContent = problems[field];
        error.hidden = false;
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = '#' + field;
        link.textContent = problems[field];
        link.addEventListener('click', (event) => {
          event.preventDefault();
          input.focus();
        });
        item.appendChild(link);
        list.appendChild(item);
      } else {
        input.removeAttribute('aria-invalid');
        error.textContent = '';
        error.hidden = true;
      }
    }
    const any = list.childElementCount > 0;
    show('error-summary', any);
    if (any) {
      status(t('invalid'));
      $('error-summary').focus();
    }
    return any;
  }

  function newKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    // plain-http hosts other than localhost have no randomUUID; the same version-4 UUID from getRandomValues
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  /** The key of this attempt: the same while the slot and details stay the same (a retry or a double tap). */
  function keyFor(body) {
    const fingerprint = JSON.stringify(body);
    if (!state.attempt || state.attempt.fingerprint !== fingerprint) {
      state.attempt = { fingerprint: fingerprint, key: newKey() };
    }
    return state.attempt.key;
  }

  function nearestTo(instant) {
    const at = Date.parse(instant);
    return state.slots
      .slice()
      .sort((a, b) => Math.abs(Date.parse(a.startTime) - at) - Math.abs(Date.parse(b.startTime) - at))
      .slice(0, NEAREST)
      .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  }

  async function submit(event) {
    if (event) {
      event.preventDefault();
    }
    if (state.busy || !state.chosen) {
      return;
    }
    clearAlert();
    const values = readForm();
    if (showProblems(check(values))) {
      return;
    }
    const body = { siteId: state.siteId, slotId: state.chosen.id, clientName: values.name, clientPhone: values.phone };
    if (values.email) {
      body.clientEmail = values.email;
    }
    const key = keyFor(body);
    state.busy = true;
    $('book').disabled = true;
    $('book').textContent = t('booking');
    status(t('booking'));
    try {
      const answer = await api('/api/public/bookings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body)
      });
      await answered(answer, values);
    } finally {
      state.busy = false;
      $('book').disabled = false;
      $('book').textContent = t('book');
    }
  }

  async function answered(answer, values) {
    if (answer.status === 201 || answer.status === 200) {
      confirmed(answer.body, values);
      return;
    }
    status('');
    if (answer.status === 409 || answer.status === 404) {
      const taken = state.chosen;
      state.chosen = null;
      state.attempt = null;
      show('form-section', false);
      await loadSlots();
      show('slots-section', true);
      const others = nearestTo(taken.startTime).filter((slot) => slot.id !== taken.id);
      alertWith(others.length ? t('taken') : t('takenNone'), { slots: others });
      return;
    }
    if (answer.status === 400 && answer.body && Array.isArray(answer.body.details)) {
      const problems = {};
      for (const detail of answer.body.details) {
        const field = FIELDS[detail.field];
        if (field && !problems[field]) {
          problems[field] = field === 'name' ? t('nameRejected') : field === 'phone' ? t('phoneFormat') : t('emailFormat');
        }
      }
      if (Object.keys(problems).length) {
        showProblems(problems);
        return;
      }
    }
    explainFailure(answer, submit);
  }

  function confirmed(booking, values) {
    const org = state.site.organisationName || state.site.name;
    $('done-when').textContent = longWhen(booking.startTime, booking.endTime) + ' (' + booking.timezone + ')';
    $('done-where').textContent = state.site.name + (state.site.address ? ', ' + state.site.address : '');
    $('done-reference').textContent = booking.id;
    $('done-next').textContent = t('next', { site: state.site.name, phone: values.phone });
    $('done-change').textContent = t('change', { org: org });
    state.attempt = null;
    show('form-section', false);
    show('slots-section', false);
    show('done', true);
    status(t('booked'));
    $('done-heading').focus();
  }

  // ------------------------------------------------------------------ wiring

  function translateStatic() {
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll('[data-i18n]')) {
      element.textContent = t(element.dataset.i18n);
    }
    document.title = t('title');
  }

  function init() {
    translateStatic();
    $('details').addEventListener('submit', submit);
    $('change').addEventListener('click', changeTime);
    $('retry').addEventListener('click', () => {
      const again = state.retry;
      clearAlert();
      if (again) {
        again();
      }
    });
    const segments = window.location.pathname.split('/');
    state.siteId = segments[segments.length - 1];
    if (!UUID.test(state.siteId)) {
      status('');
      alertWith(t('badLink'));
      return;
    }
    start();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
