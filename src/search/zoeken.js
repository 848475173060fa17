// The /zoeken/ page: results as you type, facets, a date range and sorting,
// all kept in the URL (/zoeken/?q=…&jaar=2025) so a search can be shared.
// The search itself runs in a Web Worker (search-worker.js).
'use strict';

(function () {
  const root = document.getElementById('zoeken');
  if (!root || !window.Worker || !window.WebAssembly) return;

  const $ = (id) => document.getElementById(id);
  const form = $('zoek-form');
  const input = $('zoek-q');
  const van = $('zoek-van');
  const tot = $('zoek-tot');
  const sort = $('zoek-sort');
  const status = $('zoek-status');
  const list = $('zoek-resultaten');
  const facetBox = $('zoek-facetten');
  const more = $('zoek-meer');
  const FACETS = ['kind', 'orgaan', 'jaar', 'status', 'uitslag', 'portefeuillehouder'];
  const PAGE = 20;

  // State from the URL.
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get('q') || '',
    from: params.get('van') || '',
    to: params.get('tot') || '',
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    filters: {},
    limit: PAGE,
  };
  for (const f of FACETS) {
    const v = params.getAll(f);
    if (v.length) state.filters[f] = v;
  }
  input.value = state.q;
  van.value = state.from;
  tot.value = state.to;
  sort.value = state.sort;

  function writeUrl() {
    const p = new URLSearchParams();
    if (state.q.trim()) p.set('q', state.q.trim());
    for (const f of FACETS) for (const v of state.filters[f] || []) p.append(f, v);
    if (state.from) p.set('van', state.from);
    if (state.to) p.set('tot', state.to);
    if (state.sort === 'date') p.set('sort', 'date');
    const s = p.toString();
    history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
  }

  const worker = new Worker(root.dataset.worker);
  let seq = 0;
  let shown = 0;
  status.textContent = 'De zoekindex wordt geladen…';
  worker.postMessage({ type: 'init', wasm: root.dataset.wasm, index: root.dataset.index });

  function search() {
    writeUrl();
    seq += 1;
    worker.postMessage({
      type: 'search',
      id: seq,
      request: {
        q: state.q,
        filters: state.filters,
        from: state.from || null,
        to: state.to || null,
        sort: state.sort,
        // Results as you type: the word being typed matches the words it begins.
        prefix: true,
        limit: state.limit,
        offset: 0,
        snippets: true,
        facets: true,
      },
    });
  }

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v;
      else if (k === 'html') e.innerHTML = v; // engine output: escaped, only <mark>
      else e.setAttribute(k, v);
    }
    for (const c of children || []) e.appendChild(c);
    return e;
  }

  function formatDate(iso) {
    if (!iso) return '';
    const [y, m, d] = iso.split('-').map(Number);
    const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
      'september', 'oktober', 'november', 'december'];
    return d + ' ' + months[m - 1] + ' ' + y;
  }

  function renderFacets(facets) {
    const focused = document.activeElement && document.activeElement.id;
    facetBox.textContent = '';
    for (const f of facets) {
      if (!f.values.length) continue;
      const items = f.values.map((v) => {
        const id = 'f-' + f.name + '-' + v.value;
        const box = el('input', { type: 'checkbox', id, name: f.name, value: v.value });
        box.checked = v.selected;
        box.addEventListener('change', () => {
          const sel = new Set(state.filters[f.name] || []);
          if (box.checked) sel.add(v.value); else sel.delete(v.value);
          if (sel.size) state.filters[f.name] = [...sel]; else delete state.filters[f.name];
          state.limit = PAGE;
          search();
        });
        const label = el('label', { for: id }, [
          document.createTextNode(v.label + ' '),
          el('span', { class: 'count', text: '(' + v.count + ')' }),
        ]);
        return el('li', {}, [box, label]);
      });
      facetBox.appendChild(el('fieldset', { class: 'facet' }, [
        el('legend', { text: f.label }),
        el('ul', {}, items),
      ]));
    }
    if (focused && focused.startsWith('f-') && $(focused)) $(focused).focus();
  }

  function render(r) {
    list.textContent = '';
    for (const h of r.hits) {
      const meta = [h.kind_label, formatDate(h.date)].filter(Boolean).join(' · ');
      list.appendChild(el('li', { class: 'card hit' }, [
        el('p', { class: 'card__title' }, [el('a', { href: h.url, text: h.title })]),
        el('p', { class: 'card__meta', text: meta }),
        h.snippet ? el('p', { class: 'hit__snippet', html: h.snippet }) : document.createTextNode(''),
      ]));
    }
    shown = r.hits.length;
    more.hidden = shown >= r.total;
    const n = r.total === 1 ? '1 resultaat' : r.total + ' resultaten';
    const q = state.q.trim();
    status.textContent = (q ? n + ' voor ‘' + q + '’' : n) +
      (r.total > shown ? ', de eerste ' + shown + ' getoond' : '') + '.';
    renderFacets(r.facets);
  }

  worker.onmessage = (e) => {
    const m = e.data;
    if (m.type === 'ready') {
      search();
    } else if (m.type === 'result') {
      if (m.id === seq) render(m.response);
    } else if (m.type === 'error') {
      status.textContent = 'Zoeken lukt nu niet: ' + m.message;
    }
  };

  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // Untrimmed: a trailing space tells the engine the last word is complete.
      state.q = input.value.replace(/^\s+/, '');
      state.limit = PAGE;
      search();
    }, 120);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = input.value.trim();
    state.limit = PAGE;
    search();
  });
  for (const [box, key] of [[van, 'from'], [tot, 'to']]) {
    box.addEventListener('change', () => { state[key] = box.value; state.limit = PAGE; search(); });
  }
  sort.addEventListener('change', () => { state.sort = sort.value; search(); });
  more.addEventListener('click', () => { state.limit += PAGE; search(); });
})();
