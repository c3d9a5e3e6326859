//! A CMS's article HTML (WordPress's `content.rendered`) into the contract's typed blocks, by an
//! allow-list: parsed with a real HTML5 parser (html5ever, through `scraper`), the tree walked,
//! and only what the list names kept: paragraphs, headings, quotes with their cite, images with
//! their caption (Gutenberg's `figure`/`figcaption`, the classic editor's `wp-caption`), lists,
//! tables as readable rows, galleries, and embeds as a link to the video. Everything else is
//! dropped with its content (`script`, `style`, `iframe`, `object`, `embed`, `form`, `svg`,
//! `meta`, `base`, …), and so is every attribute but the few read here; an address is kept only
//! when it is `https:`, `http:` or a site path. Inline bold, italic and links become typed runs
//! (`docs/api-extensions.md`), never HTML. Precedent: BBC Simorgh's Optimo blocks.

use scraper::node::Node;
use scraper::{ElementRef, Html};
use serde_json::{json, Map, Value};

/// Elements dropped whole, with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "svg", "math", "meta", "base", "link",
    "noscript", "template", "button", "input", "select", "textarea", "canvas", "audio", "video",
    "source", "track", "frame", "frameset", "head", "title", "dialog", "map", "area",
];

/// An inline run of text with its marks.
#[derive(Debug, Clone, PartialEq, Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    href: Option<String>,
}

/// The marks in force while walking inline content.
#[derive(Clone, Default)]
struct Marks {
    bold: bool,
    italic: bool,
    href: Option<String>,
}

/// The blocks of `html`, in order.
pub fn blocks(html: &str) -> Vec<Value> {
    let fragment = Html::parse_fragment(html);
    let mut out = Vec::new();
    let mut loose = Vec::new();
    walk_blocks(fragment.root_element(), &mut out, &mut loose);
    flush_paragraph(&mut loose, &mut out);
    out
}

/// The plain text of an HTML string (a title, an excerpt): entities decoded, tags and dropped
/// elements left out, white space folded.
pub fn plain_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut runs = Vec::new();
    inline(fragment.root_element(), &Marks::default(), &mut runs);
    fold(&runs.iter().map(|run| run.text.as_str()).collect::<String>())
}

/// Whether an address may become a link or an image: `https:`, `http:` or a site path (one
/// leading `/`); never `javascript:`, `data:`, protocol-relative or anything else.
pub fn safe_address(address: &str) -> Option<String> {
    let address = address.trim();
    let lower = address.to_ascii_lowercase();
    let ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || (address.starts_with('/') && !address.starts_with("//") && !address.starts_with("/\\"));
    let clean = !address
        .chars()
        .any(|c| c.is_control() || c == ' ' || c == '"' || c == '\\');
    (ok && clean && address.len() <= 2048).then(|| address.to_owned())
}

fn walk_blocks(node: ElementRef, out: &mut Vec<Value>, loose: &mut Vec<Run>) {
    for child in node.children() {
        match child.value() {
            Node::Text(text) => loose.push(Run {
                text: text.to_string(),
                ..Run::default()
            }),
            Node::Element(_) => {
                let Some(element) = ElementRef::wrap(child) else {
                    continue;
                };
                block(element, out, loose);
            }
            _ => {}
        }
    }
}

/// One element met where blocks stand.
fn block(element: ElementRef, out: &mut Vec<Value>, loose: &mut Vec<Run>) {
    let name = element.value().name();
    if DROPPED.contains(&name) {
        // An embed's frame is dropped, but the video it shows is kept as a link.
        if name == "iframe" {
            if let Some(watch) = element.value().attr("src").and_then(video_address) {
                flush_paragraph(loose, out);
                out.push(video_link(&watch));
            }
        }
        return;
    }
    match name {
        "p" => {
            flush_paragraph(loose, out);
            // An image alone in a paragraph (the classic editor) is an image block.
            let images = images_in(element);
            let mut runs = Vec::new();
            inline(element, &Marks::default(), &mut runs);
            push_paragraph(runs, out);
            for image in images {
                out.push(json!({ "type": "image", "image": image }));
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush_paragraph(loose, out);
            let text = text_of(element);
            if !text.is_empty() {
                out.push(json!({ "type": "heading", "text": text }));
            }
        }
        "blockquote" => {
            flush_paragraph(loose, out);
            quote(element, out);
        }
        "ul" | "ol" => {
            flush_paragraph(loose, out);
            let items: Vec<String> = element
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|item| item.value().name() == "li")
                .map(text_of)
                .filter(|text| !text.is_empty())
                .collect();
            if !items.is_empty() {
                out.push(json!({ "type": "list", "items": items }));
            }
        }
        "table" => {
            flush_paragraph(loose, out);
            table(element, out);
        }
        "figure" => {
            flush_paragraph(loose, out);
            figure(element, out);
        }
        "img" => {
            flush_paragraph(loose, out);
            if let Some(image) = image(element) {
                out.push(json!({ "type": "image", "image": image }));
            }
        }
        "br" | "hr" => flush_paragraph(loose, out),
        "div" | "section" | "article" | "main" | "aside" | "header" | "footer" | "center"
        | "body" | "html" => {
            flush_paragraph(loose, out);
            let classes = element.value().attr("class").unwrap_or_default();
            if classes
                .split_whitespace()
                .any(|class| class == "wp-caption")
            {
                figure(element, out);
            } else {
                walk_blocks(element, out, loose);
                flush_paragraph(loose, out);
            }
        }
        // Inline content where a block should stand joins the loose paragraph.
        _ => inline(element, &Marks::default(), loose),
    }
}

fn quote(element: ElementRef, out: &mut Vec<Value>) {
    let mut cite = None;
    let mut lines = Vec::new();
    for child in element.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "cite" | "footer" => cite = Some(text_of(child)).filter(|cite| !cite.is_empty()),
            name if DROPPED.contains(&name) => {}
            _ => {
                let text = text_of(child);
                if !text.is_empty() {
                    lines.push(text);
                }
            }
        }
    }
    if lines.is_empty() {
        // A quote written as bare text.
        let mut runs = Vec::new();
        for node in element.children() {
            if let Node::Text(text) = node.value() {
                runs.push(Run {
                    text: text.to_string(),
                    ..Run::default()
                });
            }
        }
        let text = fold(&runs.iter().map(|run| run.text.as_str()).collect::<String>());
        if !text.is_empty() {
            lines.push(text);
        }
    }
    if lines.is_empty() {
        return;
    }
    let mut block = json!({ "type": "quote", "text": lines.join("\n") });
    if let Some(cite) = cite {
        block["cite"] = json!(cite);
    }
    out.push(block);
}

/// A table as readable text: each row a list item, its cells joined by ` · `.
fn table(element: ElementRef, out: &mut Vec<Value>) {
    let mut rows = Vec::new();
    collect_rows(element, &mut rows);
    if !rows.is_empty() {
        out.push(json!({ "type": "list", "items": rows }));
    }
}

fn collect_rows(node: ElementRef, rows: &mut Vec<String>) {
    for child in node.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => {
                let cells: Vec<String> = child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                    .map(text_of)
                    .filter(|text| !text.is_empty())
                    .collect();
                if !cells.is_empty() {
                    rows.push(cells.join(" · "));
                }
            }
            "thead" | "tbody" | "tfoot" => collect_rows(child, rows),
            _ => {}
        }
    }
}

/// A figure: an image with its caption, a gallery of them, an embed, or a table.
fn figure(element: ElementRef, out: &mut Vec<Value>) {
    let classes = element.value().attr("class").unwrap_or_default().to_owned();
    let has = |class: &str| classes.split_whitespace().any(|c| c == class);
    if has("wp-block-embed") || has("wp-block-video") {
        if let Some(watch) = embed_address(element) {
            out.push(video_link(&watch));
        }
        return;
    }
    if has("wp-block-gallery") {
        for inner in element.children().filter_map(ElementRef::wrap) {
            match inner.value().name() {
                "figure" => figure(inner, out),
                "ul" => {
                    for item in inner.children().filter_map(ElementRef::wrap) {
                        figure(item, out);
                    }
                }
                _ => {}
            }
        }
        return;
    }
    if let Some(table_element) = first_descendant(element, "table") {
        table(table_element, out);
        return;
    }
    let caption = element
        .children()
        .filter_map(ElementRef::wrap)
        .find(|child| {
            child.value().name() == "figcaption"
                || child
                    .value()
                    .attr("class")
                    .is_some_and(|class| class.split_whitespace().any(|c| c == "wp-caption-text"))
        })
        .map(text_of)
        .filter(|caption| !caption.is_empty());
    let images = images_in(element);
    let several = images.len() > 1;
    for image in images {
        let mut block = json!({ "type": "image", "image": image });
        if let (Some(caption), false) = (&caption, several) {
            block["caption"] = json!(caption);
        }
        out.push(block);
    }
}

fn first_descendant<'a>(element: ElementRef<'a>, name: &str) -> Option<ElementRef<'a>> {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|el| el.value().name() == name)
}

/// Every image under `element`, in document order, outside dropped elements.
fn images_in(element: ElementRef) -> Vec<Value> {
    fn walk(node: ElementRef, found: &mut Vec<Value>) {
        for child in node.children().filter_map(ElementRef::wrap) {
            match child.value().name() {
                name if DROPPED.contains(&name) => {}
                "img" => found.extend(image(child)),
                _ => walk(child, found),
            }
        }
    }
    let mut found = Vec::new();
    walk(element, &mut found);
    found
}

/// An `<img>` as the contract's Image: its address (safe only), alt, size and srcset.
fn image(img: ElementRef) -> Option<Value> {
    let element = img.value();
    let src = element.attr("src").and_then(safe_address)?;
    let mut image = Map::new();
    image.insert("src".into(), json!(src));
    image.insert(
        "alt".into(),
        json!(fold(element.attr("alt").unwrap_or_default())),
    );
    let size = |name: &str| {
        element
            .attr(name)
            .and_then(|value| value.trim().parse::<u32>().ok())
            .filter(|n| (1..=20_000).contains(n))
    };
    if let (Some(width), Some(height)) = (size("width"), size("height")) {
        image.insert("width".into(), json!(width));
        image.insert("height".into(), json!(height));
    }
    let srcset: Vec<Value> = element
        .attr("srcset")
        .unwrap_or_default()
        .split(',')
        .filter_map(|entry| {
            let mut parts = entry.split_whitespace();
            let src = safe_address(parts.next()?)?;
            let width = parts
                .next()?
                .strip_suffix('w')?
                .parse::<u32>()
                .ok()
                .filter(|w| (1..=20_000).contains(w))?;
            Some(json!({ "src": src, "width": width }))
        })
        .collect();
    if !srcset.is_empty() {
        image.insert("srcset".into(), json!(srcset));
    }
    Some(Value::Object(image))
}

/// The watch address of a YouTube embed (`/embed/ID`, `youtu.be/ID`, `watch?v=ID`), or of
/// another well-known video host, for a link to the video.
fn video_address(src: &str) -> Option<String> {
    let src = safe_address(src)?;
    let without_scheme = src
        .strip_prefix("https://")
        .or_else(|| src.strip_prefix("http://"))?;
    let (host, path) = without_scheme
        .split_once('/')
        .unwrap_or((without_scheme, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let id_ok = |id: &str| {
        !id.is_empty()
            && id.len() <= 32
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let youtube = |id: &str| id_ok(id).then(|| format!("https://www.youtube.com/watch?v={id}"));
    let path_only = path.split(['?', '#']).next().unwrap_or_default();
    match host {
        "youtube.com" | "m.youtube.com" | "youtube-nocookie.com" => {
            if let Some(id) = path_only
                .strip_prefix("embed/")
                .or_else(|| path_only.strip_prefix("shorts/"))
            {
                return youtube(id.trim_end_matches('/'));
            }
            let query = path.split_once('?').map(|(_, q)| q).unwrap_or_default();
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("v="))
                .and_then(youtube)
        }
        "youtu.be" => youtube(path_only.trim_end_matches('/')),
        "vimeo.com" | "player.vimeo.com" => {
            let id = path_only.trim_start_matches("video/").trim_end_matches('/');
            (id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty() && id.len() <= 16)
                .then(|| format!("https://vimeo.com/{id}"))
        }
        _ => None,
    }
}

/// The video of an embed figure: its frame's address, or (without internet, WordPress writes
/// the bare address) the address written in it.
fn embed_address(element: ElementRef) -> Option<String> {
    if let Some(frame) = first_descendant(element, "iframe") {
        if let Some(watch) = frame.value().attr("src").and_then(video_address) {
            return Some(watch);
        }
    }
    let text = element
        .descendants()
        .filter_map(|node| match node.value() {
            Node::Text(text) => Some(text.to_string()),
            _ => None,
        })
        .collect::<String>();
    text.split_whitespace().find_map(video_address)
}

/// A paragraph that links to a video (the contract has no video block).
fn video_link(watch: &str) -> Value {
    let text = format!("동영상 보기: {watch}");
    json!({
        "type": "paragraph",
        "text": text,
        "runs": [
            { "text": "동영상 보기: " },
            { "text": watch, "href": watch },
        ],
    })
}

/// The inline runs under `element`, with the marks of the elements they stand in.
fn inline(element: ElementRef, marks: &Marks, runs: &mut Vec<Run>) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => runs.push(Run {
                text: text.to_string(),
                bold: marks.bold,
                italic: marks.italic,
                href: marks.href.clone(),
            }),
            Node::Element(el) => {
                let name = el.name();
                if DROPPED.contains(&name) || name == "img" {
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if name == "br" {
                    runs.push(Run {
                        text: "\n".into(),
                        ..Run::default()
                    });
                    continue;
                }
                let mut inner = marks.clone();
                match name {
                    "strong" | "b" => inner.bold = true,
                    "em" | "i" | "cite" => inner.italic = true,
                    "a" => inner.href = el.attr("href").and_then(safe_address),
                    _ => {}
                }
                inline(child, &inner, runs);
            }
            _ => {}
        }
    }
}

/// White space folded as a browser shows it: runs of spaces (and `&nbsp;`) as one space, line
/// breaks kept, the ends trimmed.
fn fold(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}')
            .filter(|word| !word.is_empty())
            .collect();
        if i > 0 && !out.is_empty() && !words.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out.trim().to_owned()
}

fn text_of(element: ElementRef) -> String {
    let mut runs = Vec::new();
    inline(element, &Marks::default(), &mut runs);
    fold(&runs.iter().map(|run| run.text.as_str()).collect::<String>())
}

fn flush_paragraph(loose: &mut Vec<Run>, out: &mut Vec<Value>) {
    let runs = std::mem::take(loose);
    push_paragraph(runs, out);
}

/// A paragraph of `runs`: its plain `text` (what every reader shows) and, when any run is bold,
/// italic or a link, the runs themselves (an extension of the contract).
fn push_paragraph(runs: Vec<Run>, out: &mut Vec<Value>) {
    let plain: String = runs.iter().map(|run| run.text.as_str()).collect();
    let text = fold(&plain);
    if text.is_empty() {
        return;
    }
    let marked = runs
        .iter()
        .any(|run| run.bold || run.italic || run.href.is_some());
    let mut block = json!({ "type": "paragraph", "text": text });
    if marked {
        block["runs"] = json!(merge(runs));
    }
    out.push(block);
}

/// Runs with the same marks merged, white space folded within, empty ones left out; the runs'
/// texts together read as the paragraph's `text`.
fn merge(runs: Vec<Run>) -> Vec<Value> {
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last)
                if last.bold == run.bold && last.italic == run.italic && last.href == run.href =>
            {
                last.text.push_str(&run.text);
            }
            _ => merged.push(run),
        }
    }
    // Fold white space across the whole paragraph, then cut it back into the runs.
    let mut out = Vec::new();
    let mut previous_space = true;
    for run in merged {
        let mut text = String::new();
        for c in run.text.chars() {
            let space = c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}';
            if space {
                if !previous_space {
                    text.push(if c == '\n' { '\n' } else { ' ' });
                }
                previous_space = true;
            } else {
                text.push(c);
                previous_space = false;
            }
        }
        if text.is_empty() {
            continue;
        }
        let mut value = json!({ "text": text });
        if run.bold {
            value["bold"] = json!(true);
        }
        if run.italic {
            value["italic"] = json!(true);
        }
        if let Some(href) = run.href {
            value["href"] = json!(href);
        }
        out.push(value);
    }
    // The last run's trailing space goes, as the paragraph's text is trimmed.
    if let Some(last) = out.last_mut() {
        if let Some(text) = last["text"].as_str() {
            let trimmed = text.trim_end().to_owned();
            last["text"] = json!(trimmed);
        }
    }
    out.retain(|run| run["text"].as_str().is_some_and(|text| !text.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(blocks: &[Value]) -> Vec<&str> {
        blocks
            .iter()
            .map(|block| block["type"].as_str().unwrap_or_default())
            .collect()
    }

    #[test]
    fn gutenberg_content_becomes_typed_blocks() {
        let html = r#"
<!-- wp:paragraph --><p>고양시는 &#8216;도서관&#8217; 14곳을&nbsp;연다.</p><!-- /wp:paragraph -->
<p>&nbsp;</p>
<h2 class="wp-block-heading">달라지는 점</h2>
<blockquote class="wp-block-quote"><p>밤에도 책을 읽을 수 있다.</p><cite>고양시 관계자</cite></blockquote>
<figure class="wp-block-image size-large"><img src="https://cms.example/wp-content/uploads/a-1024x683.jpg" alt="도서관" width="1024" height="683" srcset="https://cms.example/wp-content/uploads/a-300x200.jpg 300w, https://cms.example/wp-content/uploads/a-1024x683.jpg 1024w" class="wp-image-7"><figcaption class="wp-element-caption">밤의 도서관</figcaption></figure>
<ul><li>평일 밤 10시</li><li>주말 6시</li></ul>
<figure class="wp-block-table"><table><thead><tr><th>요일</th><th>시간</th></tr></thead><tbody><tr><td>평일</td><td>22시</td></tr></tbody></table></figure>
<figure class="wp-block-embed is-type-video wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abcDEF_123
</div></figure>"#;
        let blocks = blocks(html);
        assert_eq!(
            types(&blocks),
            [
                "paragraph",
                "heading",
                "quote",
                "image",
                "list",
                "list",
                "paragraph"
            ]
        );
        assert_eq!(blocks[0]["text"], "고양시는 ‘도서관’ 14곳을 연다.");
        assert_eq!(blocks[1]["text"], "달라지는 점");
        assert_eq!(blocks[2]["text"], "밤에도 책을 읽을 수 있다.");
        assert_eq!(blocks[2]["cite"], "고양시 관계자");
        assert_eq!(blocks[3]["caption"], "밤의 도서관");
        assert_eq!(blocks[3]["image"]["width"], 1024);
        assert_eq!(blocks[3]["image"]["srcset"][0]["width"], 300);
        assert_eq!(blocks[4]["items"], json!(["평일 밤 10시", "주말 6시"]));
        assert_eq!(blocks[5]["items"], json!(["요일 · 시간", "평일 · 22시"]));
        assert_eq!(
            blocks[6]["runs"][1]["href"],
            "https://www.youtube.com/watch?v=abcDEF_123"
        );
    }

    #[test]
    fn hostile_content_is_dropped_and_inert() {
        let html = r#"<p onclick="alert(1)">안녕<script>alert(1)</script><style>p{}</style>하세요</p>
<iframe src="https://evil.example/x"></iframe><object data="x.swf"></object><embed src="y">
<form action="/steal"><input name="pw"></form><svg onload="alert(1)"><text>svg</text></svg>
<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">
<p><a href="javascript:alert(1)">나쁜 링크</a> <a href="//evil.example">상대</a> <a href="data:text/html,x">데이터</a> <a href="https://good.example/a">좋은 링크</a></p>
<img src="javascript:alert(1)" onerror="alert(1)"><img src="data:image/png;base64,AAAA">
<p><img src="https://cms.example/ok.jpg" onerror="alert(1)" alt="&lt;script&gt;"></p>"#;
        let blocks = blocks(html);
        // An alt of `&lt;script&gt;` is the text `<script>`: everything else must be clean.
        let all = serde_json::to_string(&blocks)
            .unwrap()
            .replace(r#""alt":"<script>""#, "");
        for bad in [
            "alert",
            "script",
            "evil",
            "javascript",
            "data:",
            "onerror",
            "onclick",
            "svg",
            "<",
        ] {
            assert!(!all.contains(bad), "{bad}: {all}");
        }
        assert_eq!(blocks[0]["text"], "안녕하세요");
        assert!(blocks[0].get("runs").is_none());
        let links: Vec<&Value> = blocks[1]["runs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|run| run.get("href").is_some())
            .collect();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0]["href"], "https://good.example/a");
        assert_eq!(blocks[1]["text"], "나쁜 링크 상대 데이터 좋은 링크");
        // Only the safe image is kept; its alt is text.
        let images: Vec<&Value> = blocks.iter().filter(|b| b["type"] == "image").collect();
        assert_eq!(images.len(), 1);
        assert_eq!(images[0]["image"]["alt"], "<script>");
    }

    #[test]
    fn inline_marks_become_runs_whose_text_is_the_paragraphs() {
        let blocks = blocks(
            "<p>시는 <strong>올해 처음</strong>으로 <em>야간</em> <a href=\"/article/7\">개방</a>을 늘린다.</p>",
        );
        assert_eq!(blocks[0]["text"], "시는 올해 처음으로 야간 개방을 늘린다.");
        let runs = blocks[0]["runs"].as_array().unwrap();
        let joined: String = runs.iter().map(|r| r["text"].as_str().unwrap()).collect();
        assert_eq!(joined, "시는 올해 처음으로 야간 개방을 늘린다.");
        assert_eq!(runs[1], json!({"text": "올해 처음", "bold": true}));
        assert_eq!(runs[3], json!({"text": "야간", "italic": true}));
        assert_eq!(runs[5], json!({"text": "개방", "href": "/article/7"}));
    }

    #[test]
    fn the_classic_editors_captions_and_bare_text_read() {
        let html = "첫 문단입니다.\n\n<div id=\"attachment_9\" class=\"wp-caption aligncenter\"><img src=\"/wp-content/uploads/b.jpg\" width=\"640\" height=\"427\" alt=\"\"><p class=\"wp-caption-text\">수원 화성</p></div>둘째 문단.";
        let blocks = blocks(html);
        assert_eq!(types(&blocks), ["paragraph", "image", "paragraph"]);
        assert_eq!(blocks[1]["caption"], "수원 화성");
        assert_eq!(blocks[2]["text"], "둘째 문단.");
    }

    #[test]
    fn embeds_become_links_to_the_video() {
        for src in [
            "https://www.youtube.com/embed/abcDEF_123?feature=oembed",
            "https://youtu.be/abcDEF_123",
            "https://www.youtube-nocookie.com/embed/abcDEF_123",
        ] {
            assert_eq!(
                video_address(src).as_deref(),
                Some("https://www.youtube.com/watch?v=abcDEF_123"),
                "{src}"
            );
        }
        assert_eq!(video_address("https://evil.example/embed/x"), None);
        assert_eq!(
            video_address("javascript:alert(1)//youtube.com/embed/x"),
            None
        );
        assert_eq!(
            video_address("https://www.youtube.com/embed/<script>"),
            None
        );
        let figure = r#"<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"><iframe src="https://www.youtube.com/embed/abcDEF_123?feature=oembed"></iframe></div></figure>"#;
        assert_eq!(
            blocks(figure)[0]["runs"][1]["href"],
            "https://www.youtube.com/watch?v=abcDEF_123"
        );
    }

    #[test]
    fn titles_are_plain_text() {
        assert_eq!(
            plain_text("&#8216;야간&#8217; 개방 &amp; 연장"),
            "‘야간’ 개방 & 연장"
        );
        assert_eq!(
            plain_text("<em>속보</em> 제목<script>x</script>"),
            "속보 제목"
        );
        assert_eq!(plain_text("</title><script>alert(1)</script>"), "");
    }

    #[test]
    fn addresses_are_allowed_by_scheme() {
        for good in [
            "https://a.example/x",
            "http://a.example",
            "/wp-content/a.jpg",
        ] {
            assert!(safe_address(good).is_some(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:image/png;base64,AA",
            "//evil.example",
            "/\\evil.example",
            "vbscript:x",
            "relative/path",
            "https://a.example/\"onmouseover=x",
        ] {
            assert!(safe_address(bad).is_none(), "{bad}");
        }
    }
}
