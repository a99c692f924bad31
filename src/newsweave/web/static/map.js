// newsweave world maps (the events explorer's and each story page's): draws the country
// outlines and lets each map zoom and pan. The marks (clustered per zoom level) are on
// the page already; this script only shows the level that suits the zoom, keeps the
// marks the same size on screen, and names the places of the mark pointed at or focused.
"use strict";

(() => {
  const MIN_WIDTH = 7; // map units (0.7 degrees): as deep as the clusters go
  const MIN_CELL_PX = 32; // as geo.MIN_CELL_PIXELS
  const SVG_NS = "http://www.w3.org/2000/svg";

  function parseBox(text) {
    const [x, y, w, h] = text.split(/\s+/).map(Number);
    return { x, y, w, h };
  }

  // one request for the outlines, however many maps a page has
  let basemap = null;
  function loadBasemap(url) {
    if (!basemap) {
      basemap = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`base map: HTTP ${response.status}`);
        return response.json();
      });
    }
    return basemap;
  }

  function drawCountries(svg, land) {
    loadBasemap(svg.dataset.basemap)
      .then((data) => {
        const group = document.createDocumentFragment();
        for (const country of data.countries) {
          const path = document.createElementNS(SVG_NS, "path");
          path.setAttribute("d", country.d);
          path.setAttribute("class", "country");
          path.dataset.iso = country.iso;
          const title = document.createElementNS(SVG_NS, "title");
          title.textContent = country.name;
          path.appendChild(title);
          group.appendChild(path);
        }
        land.appendChild(group);
        svg.dataset.basemapState = "drawn";
      })
      .catch((error) => {
        svg.dataset.basemapState = "failed";
        console.warn(error);
      });
  }

  function setUp(svg) {
    const [worldW, worldH] = svg.dataset.world.split(" ").map(Number);
    const maxLevel = Number(svg.dataset.maxLevel);
    const cellsAcross = Number(svg.dataset.cells);
    const home = parseBox(svg.dataset.view);
    const aspect = home.w / home.h;
    const tip = document.getElementById(svg.getAttribute("aria-describedby"));
    const levels = [...svg.querySelectorAll("g.marks")];
    let view = { ...home };

    function clamp(v) {
      const w = Math.min(Math.max(v.w, MIN_WIDTH), worldW);
      const h = Math.min(w / aspect, worldH);
      const x = Math.min(Math.max(v.x, 0), Math.max(worldW - w, 0));
      const y = Math.min(Math.max(v.y, 0), Math.max(worldH - h, 0));
      return { x, y, w, h };
    }

    function render() {
      svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
      // the deepest level whose cells are at least MIN_CELL_PX wide on this screen
      const scale = Math.max(svg.clientWidth, 1) / view.w;
      const level = Math.max(0, Math.min(maxLevel,
        Math.floor(Math.log2((worldW / cellsAcross) * scale / MIN_CELL_PX) + 1e-9)));
      svg.dataset.level = String(level);
      svg.dataset.zoom = (worldW / view.w).toFixed(3);
      // map units per screen pixel: marks and their numbers keep their size on screen
      const unit = view.w / Math.max(svg.clientWidth, 1);
      for (const group of levels) {
        const shown = Number(group.dataset.level) === level;
        group.classList.toggle("off", !shown);
        if (!shown) continue;
        for (const circle of group.querySelectorAll("circle")) {
          circle.setAttribute("r", (Number(circle.dataset.r) * unit).toFixed(3));
        }
        for (const text of group.querySelectorAll("text")) {
          text.setAttribute("font-size", (11 * unit).toFixed(3));
        }
      }
    }

    function zoom(factor, cx, cy) {
      const w = view.w / factor;
      const h = view.h / factor;
      const px = cx === undefined ? view.x + view.w / 2 : cx;
      const py = cy === undefined ? view.y + view.h / 2 : cy;
      // the point under the pointer (or the centre) stays where it is
      view = clamp({ x: px - (px - view.x) / factor, y: py - (py - view.y) / factor, w, h });
      render();
    }

    function pan(dx, dy) {
      view = clamp({ ...view, x: view.x + dx, y: view.y + dy });
      render();
    }

    function toMap(clientX, clientY) {
      const matrix = svg.getScreenCTM();
      if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
      const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
      return { x: point.x, y: point.y };
    }

    const tools = document.querySelector(`[role=toolbar][aria-controls="${svg.id}"]`);
    for (const button of tools ? tools.querySelectorAll("[data-zoom]") : []) {
      button.addEventListener("click", () => {
        const how = button.dataset.zoom;
        if (how === "in") zoom(2);
        else if (how === "out") zoom(0.5);
        else { view = { ...home }; render(); }
      });
    }

    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const at = toMap(event.clientX, event.clientY);
      zoom(event.deltaY < 0 ? 1.5 : 1 / 1.5, at.x, at.y);
    }, { passive: false });

    svg.addEventListener("keydown", (event) => {
      const step = view.w * 0.15;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
                      ArrowDown: [0, step] };
      if (event.target !== svg) return;
      if (moves[event.key]) pan(...moves[event.key]);
      else if (event.key === "+" || event.key === "=") zoom(2);
      else if (event.key === "-" || event.key === "_") zoom(0.5);
      else if (event.key === "0") { view = { ...home }; render(); }
      else return;
      event.preventDefault();
    });

    // drag to pan; a drag is not a click on the mark it started on
    let drag = null;
    let dragged = false;
    svg.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, view: { ...view } };
      dragged = false;
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!dragged && Math.hypot(dx, dy) < 4) return;
      if (!dragged) svg.setPointerCapture(event.pointerId);
      dragged = true;
      const unit = drag.view.w / Math.max(svg.clientWidth, 1);
      view = clamp({ ...drag.view, x: drag.view.x - dx * unit, y: drag.view.y - dy * unit });
      render();
    });
    const stop = () => { drag = null; };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    svg.addEventListener("click", (event) => {
      if (dragged) {
        event.preventDefault();
        dragged = false;
        return;
      }
      // a numbered mark groups places: open it by zooming in on it
      const mark = event.target.closest("a.cluster");
      if (mark) {
        event.preventDefault();
        const x = Number(mark.dataset.x);
        const y = Number(mark.dataset.y);
        const before = Number(svg.dataset.level);
        // centre on it and zoom in at least fourfold, further until the next level shows
        let w = view.w / 4;
        do {
          view = clamp({ x: x - w / 2, y: y - w / aspect / 2, w, h: w / aspect });
          render();
          w /= 2;
        } while (Number(svg.dataset.level) <= before && w >= MIN_WIDTH);
      }
    });

    // the places of a mark, on pointing and on keyboard focus
    const show = (event) => {
      const mark = event.target.closest && event.target.closest("a.mark");
      if (mark && tip) tip.textContent = mark.getAttribute("aria-label");
    };
    svg.addEventListener("mouseover", show);
    svg.addEventListener("focusin", show);

    window.addEventListener("resize", render);
    render();
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const svg of document.querySelectorAll("svg.world-map")) {
      setUp(svg);
      drawCountries(svg, svg.querySelector("g.land"));
    }
  });
})();
