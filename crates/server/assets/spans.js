// Highlighting spans of a text. Offsets from the API count Unicode code
// points; JavaScript strings index UTF-16 units, so the text is split with
// Array.from (one element per code point) before slicing. The DOM is built
// with text nodes only: article text is never parsed as HTML.

/**
 * Fills `container` with `text`, wrapping each stretch covered by spans in
 * one <span> whose classes are those of every span covering it.
 * spans: [{start, end, cls, title?}] in code points, end exclusive; they may overlap.
 */
export function renderSpans(container, text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  const ok = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= chars.length);
  for (const s of ok) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  container.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = ok.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const el = document.createElement("span");
    el.className = [...new Set(covering.flatMap((s) => s.cls.split(" ")))].join(" ");
    const titles = covering.map((s) => s.title).filter(Boolean);
    if (titles.length) el.title = titles.join(" · ");
    el.textContent = piece;
    container.append(el);
  }
}

/** `text` sliced by code points. */
export function sliceCodePoints(text, start, end) {
  return Array.from(text).slice(start, end).join("");
}
