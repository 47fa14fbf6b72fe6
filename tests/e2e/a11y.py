"""What axe does not check, computed from the styles the browser applied (shared by the e2e tests).

- `boundary_problems(page)`: every visible, enabled control's boundary (its border, or its own fill
  when it has no border) has at least 3:1 against the background around it (WCAG 1.4.11).
- `focus_problems(page)`: every focusable element, focused from the keyboard, shows an outline or a
  shadow with at least 3:1 against the background around it (WCAG 1.4.11 / 2.4.7).
- `overflow_at(page, width)`: how many CSS pixels the page itself scrolls sideways at that width
  (WCAG 1.4.10; tables may scroll inside their own container).
Each returns plain data, so a test can collect problems across pages and assert once.
"""

COLOUR_JS = r"""
const parse = (c) => {
  const m = c && c.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const over = (fg, bg) => ({
  r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1,
});
const lum = (c) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
// The colour behind an element: its ancestors' backgrounds, composited from the page's white up.
const behind = (el) => {
  const layers = [];
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0) layers.push(c);
    if (c && c.a === 1) break;
  }
  return layers.reverse().reduce((bg, c) => over(c, bg), {r: 255, g: 255, b: 255, a: 1});
};
const visible = (el) => {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden');
};
const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '') +
  (el.name ? '[name=' + el.name + ']' : '');
"""

BOUNDARY_JS = (
    "() => {"
    + COLOUR_JS
    + r"""
  const problems = [];
  const controls = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea, ' +
    '.btn:not(.btn-link), .form-check-input, .navbar-toggler');
  for (const el of controls) {
    if (el.disabled || !visible(el)) continue;
    const s = getComputedStyle(el);
    const around = behind(el.parentElement);
    const fill = over(parse(s.backgroundColor) || {r: 0, g: 0, b: 0, a: 0}, around);
    const width = parseFloat(s.borderTopWidth);
    const border = width > 0 && s.borderTopStyle !== 'none' ? over(parse(s.borderTopColor), around) : null;
    const best = Math.max(border ? ratio(border, around) : 1, ratio(fill, around));
    if (best < 3) problems.push(name(el) + ' boundary ' + best.toFixed(2) + ':1');
  }
  return [...new Set(problems)];
}"""
)

FOCUS_JS = (
    "() => {"
    + COLOUR_JS
    + r"""
  const problems = [];
  const focusable = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])');
  for (const el of focusable) {
    if (el.disabled || !visible(el)) continue;
    el.focus({preventScroll: true});
    if (document.activeElement !== el) continue;
    const s = getComputedStyle(el);
    const around = behind(el.parentElement);
    let colour = null;
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) colour = parse(s.outlineColor);
    else if (s.boxShadow && s.boxShadow !== 'none') colour = parse(s.boxShadow);
    if (!colour) { problems.push(name(el) + ' no focus indicator'); continue; }
    const r = ratio(over(colour, around), around);
    if (r < 3) problems.push(name(el) + ' focus ' + r.toFixed(2) + ':1');
  }
  if (document.activeElement) document.activeElement.blur();
  return [...new Set(problems)];
}"""
)

OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def boundary_problems(page) -> list[str]:
    return page.evaluate(BOUNDARY_JS)


def focus_problems(page) -> list[str]:
    # One Tab first: browsers show :focus-visible for script focus after keyboard use.
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_JS)


def overflow_at(page, width: int = 320) -> int:
    """Page-level sideways scroll at `width` CSS pixels (0 = none); restores the viewport after."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return page.evaluate(OVERFLOW_JS)
    finally:
        page.set_viewport_size(before)
