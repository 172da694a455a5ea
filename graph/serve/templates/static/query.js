// The query page: run the editor's query on /sparql, show results as a table, offer downloads.
// Every value from a result is put in the page as text (textContent), never parsed as HTML.
"use strict";
(function () {
  const MAX_ROWS = 1000;
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const base = document.body.dataset.resourceBase;
  // longest namespace first, so film: wins over the resource base it lies in
  const prefixes = Object.entries(JSON.parse(document.getElementById("prefixes").textContent)).sort(
    (a, b) => b[1].length - a[1].length,
  );
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const choice = document.getElementById("examples");
  const about = document.getElementById("example-description");
  const status = document.getElementById("status");
  const note = document.getElementById("note");
  const table = document.getElementById("table");
  const text = document.getElementById("text");
  const links = Array.from(document.querySelectorAll("#downloads a[data-format]"));

  function refreshDownloads() {
    for (const a of links) {
      a.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: a.dataset.format });
    }
  }

  function showDownloads(kind) {
    for (const a of links) a.hidden = a.dataset.kind !== kind;
  }

  function clear() {
    table.replaceChildren();
    text.textContent = "";
    text.classList.remove("error");
    note.textContent = "";
  }

  // film:paris-2008 for an IRI under a known namespace (a local name without / or #), else the IRI
  function curie(iri) {
    for (const [prefix, ns] of prefixes) {
      const rest = iri.slice(ns.length);
      if (iri.startsWith(ns) && !/[/#]/.test(rest)) return prefix + ":" + rest;
    }
    return iri;
  }

  // An IRI of the graph links to its local page; other http(s) IRIs link out; the rest is text.
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.textContent = curie(term.value);
      a.title = term.value;
      if (term.value.startsWith(base)) {
        a.href = "/resource/" + term.value.slice(base.length);
      } else if (/^https?:\/\//.test(term.value)) {
        a.href = term.value;
      } else {
        td.textContent = a.textContent;
        return td;
      }
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      const extra = term["xml:lang"] ? "@" + term["xml:lang"] : "";
      if (extra) {
        const span = document.createElement("span");
        span.className = "lang";
        span.textContent = " " + extra;
        td.appendChild(span);
      }
      if (term.type === "bnode") td.classList.add("bnode");
    }
    return td;
  }

  function showTable(data) {
    const vars = data.head.vars;
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    const rows = data.results.bindings;
    for (const row of rows.slice(0, MAX_ROWS)) {
      const tr = body.insertRow();
      for (const v of vars) tr.appendChild(cell(row[v]));
    }
    if (rows.length > MAX_ROWS) {
      note.textContent = `showing the first ${MAX_ROWS} of ${rows.length} rows; download them all`;
    }
    return rows.length;
  }

  async function run(event) {
    event.preventDefault();
    clear();
    refreshDownloads();
    status.textContent = "running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: editor.value,
      });
    } catch (err) {
      status.textContent = "the server did not answer: " + err;
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      status.textContent = `error ${response.status}`;
      text.textContent = await response.text();
      text.classList.add("error");
      return;
    }
    if (type.startsWith("application/sparql-results+json")) {
      const data = await response.json();
      showDownloads("results");
      if ("boolean" in data) {
        text.textContent = String(data.boolean);
        status.textContent = `answer in ${ms} ms`;
      } else {
        const n = showTable(data);
        status.textContent = `${n} row${n === 1 ? "" : "s"} in ${ms} ms`;
      }
    } else {
      showDownloads("graph");
      text.textContent = await response.text();
      status.textContent = `graph in ${ms} ms`;
    }
    document.body.dataset.ran = String(Number(document.body.dataset.ran || 0) + 1);
  }

  choice.addEventListener("change", () => {
    const example = examples.find((e) => e.name === choice.value);
    if (!example) return;
    editor.value = example.text;
    about.textContent = example.description;
    refreshDownloads();
  });
  editor.addEventListener("input", refreshDownloads);
  form.addEventListener("submit", run);
  refreshDownloads();
  document.body.dataset.ready = "1";
})();
