// newsweave pages: the little JavaScript they use.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // A filter menu chosen with the pointer applies at once. Chosen with the keyboard,
  // each arrow key would reload the page, so there it waits for Enter (or the Search
  // button, which also works without script).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    let byKeyboard = false;
    select.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        select.form.requestSubmit();
      } else if (event.key !== "Tab") {
        byKeyboard = true;
      }
    });
    select.addEventListener("pointerdown", () => { byKeyboard = false; });
    select.addEventListener("change", () => {
      if (!byKeyboard) select.form.requestSubmit();
    });
  }
  // On a narrow screen each table row is a card: label its cells with their columns.
  for (const table of document.querySelectorAll("table.list")) {
    const names = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      [...row.children].forEach((cell, k) => {
        if (names[k]) cell.dataset.label = names[k];
      });
    }
  }
  // Hovering a timeline or map mark outlines the row it links to.
  for (const link of document.querySelectorAll("svg.chart a[href^='#'], svg.world-map a[href^='#']")) {
    const row = document.getElementById(link.getAttribute("href").slice(1));
    if (!row) continue;
    link.addEventListener("mouseenter", () => row.classList.add("hover"));
    link.addEventListener("mouseleave", () => row.classList.remove("hover"));
  }
});
