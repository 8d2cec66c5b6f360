import { describe, expect, it } from "vitest";
import { renderStatement } from "./render-statement";

describe("renderStatement", () => {
  it("renders Markdown headings, lists and code", () => {
    const html = renderStatement("## Input\n\n- one\n- two\n\n`code`");
    expect(html).toContain("<h2");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<code>code</code>");
  });

  it("renders inline and display math with KaTeX", () => {
    const html = renderStatement("Sum $a + b$ where\n\n$$\\sum_{i=1}^{n} x_i$$\n");
    expect(html).toContain('class="katex"');
    expect(html).toContain("katex-display");
    expect(html).toContain("<math");
  });

  it("removes script elements", () => {
    const html = renderStatement("Hello <script>window.pwned = 1</script> world");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("pwned");
  });

  it("removes event handler attributes such as onerror", () => {
    const html = renderStatement('<img src="x" onerror="window.pwned = 1"> and <b onmouseover="alert(1)">b</b>');
    expect(html).not.toMatch(/onerror|onmouseover/i);
    expect(html).toContain("<img");
  });

  it("removes javascript: links and iframes", () => {
    const html = renderStatement('[click](javascript:alert(1)) <iframe src="https://example.org"></iframe>');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
  });

  it("makes links open safely in a new tab", () => {
    const html = renderStatement("[docs](https://example.org)");
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it("shows bad TeX as an error instead of throwing", () => {
    expect(() => renderStatement("$\\frac{1}{$")).not.toThrow();
  });
});
