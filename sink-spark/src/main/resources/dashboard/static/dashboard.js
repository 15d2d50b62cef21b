// The dashboard's charts: each panel is fetched as the signed-in user, so what it shows is what the
// governance policy lets that user read. Each chart records how many points it drew (data-points).
'use strict';

async function panel(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new Error('signed out');
  }
  if (!response.ok) {
    return { denied: 'The dashboard could not load this panel (HTTP ' + response.status + ').' };
  }
  return response.json();
}

function showDenied(element, message) {
  element.classList.add('denied');
  element.textContent = 'Not shown to you: ' + message;
  element.dataset.points = '0';
}

function repTrend(data) {
  const element = document.getElementById('rep-trend');
  const select = document.getElementById('scoring-version');
  if (data.denied) {
    showDenied(element, data.denied);
    return;
  }
  const versions = [...new Set(data.rows.map(row => row.scoring_version))].sort();
  versions.forEach(version => select.add(new Option(version, version)));
  const months = [...new Set(data.rows.map(row => row.month))].sort();
  const chart = echarts.init(element);
  const draw = () => {
    const rows = data.rows.filter(row => select.value === '' || row.scoring_version === select.value);
    const lines = new Map();
    rows.forEach(row => {
      const name = row.rep_email + ' · ' + row.scoring_version;
      if (!lines.has(name)) {
        lines.set(name, new Array(months.length).fill(null));
      }
      lines.get(name)[months.indexOf(row.month)] = row.avg_score;
    });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { top: 60, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: 'avg overall_score', scale: true },
      series: [...lines].map(([name, values]) => ({ name, type: 'line', data: values, connectNulls: true })),
    }, true);
    element.dataset.points = String(rows.length);
    element.dataset.series = String(lines.size);
  };
  select.addEventListener('change', draw);
  draw();
}

function dealRisk(data) {
  const element = document.getElementById('deal-risk');
  if (data.denied) {
    showDenied(element, data.denied);
    return;
  }
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  ['deal', 'calls', 'risk flags', 'latest score', 'win probability', 'last call'].forEach(title => {
    const cell = document.createElement('th');
    cell.textContent = title;
    head.appendChild(cell);
  });
  const body = table.createTBody();
  data.rows.forEach(row => {
    const tr = body.insertRow();
    tr.dataset.deal = row.deal_id;
    [row.deal_id, row.calls, row.risk_flags, row.latest_score, row.win_probability, row.last_call_at].forEach((value, i) => {
      const cell = tr.insertCell();
      cell.textContent = value === undefined || value === null ? '–' : String(value);
      if (i > 0 && i < 5) {
        cell.className = 'number';
      }
    });
  });
  element.replaceChildren(table);
  element.dataset.points = String(data.rows.length);
}

function pipelineHealth(data) {
  const element = document.getElementById('pipeline-health');
  const lag = document.getElementById('sink-lag');
  if (data.denied) {
    showDenied(element, data.denied);
    return;
  }
  const days = [...new Set(data.rows.map(row => row.day))].sort();
  const measures = [...new Set(data.rows.map(row => row.measure))].sort();
  const series = measures.map(measure => {
    const values = new Array(days.length).fill(null);
    data.rows.filter(row => row.measure === measure).forEach(row => { values[days.indexOf(row.day)] = row.value; });
    return measure === 'rescued_rate'
      ? { name: 'rescued-data rate', type: 'line', yAxisIndex: 1, data: values }
      : { name: measure, type: 'bar', stack: measure.startsWith('quarantined:') ? 'quarantined' : measure, data: values };
  });
  echarts.init(element).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { top: 60, left: 60, right: 50, bottom: 30 },
    xAxis: { type: 'category', data: days },
    yAxis: [{ type: 'value', name: 'records' }, { type: 'value', name: 'rescued', max: 1 }],
    series,
  });
  element.dataset.points = String(data.rows.length);
  lag.textContent = data.sink_lag
    ? 'Sink lag (records not yet landed): ' + Object.entries(data.sink_lag).map(([flow, n]) => flow + ' ' + n).join(', ')
    : 'Sink lag: unknown (the brokers did not answer).';
}

async function dashboard() {
  document.getElementById('me').textContent = (await panel('/api/me')).user;
  await Promise.all([
    panel('/api/rep-trend').then(repTrend),
    panel('/api/deal-risk').then(dealRisk),
    panel('/api/pipeline-health').then(pipelineHealth),
  ]);
  document.body.dataset.ready = 'true';
}

if (document.body.classList.contains('dashboard')) {
  dashboard();
} else if (window.location.search.includes('failed')) {
  document.getElementById('failed').hidden = false;
}
