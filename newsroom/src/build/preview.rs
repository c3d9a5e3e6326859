//! The image a link preview shows (KakaoTalk, Facebook, X, Band, portals), for every page: a
//! JPEG of 1200×630, which every scraper takes. An article with a photo gets its lead photo
//! cropped to that shape, and to 16:9, 4:3 and 1:1 for its structured data, as Google asks;
//! every other page (front, sections, keywords, policies, lists, articles without a photo)
//! gets a card drawn here with the paper's name and the page's title in Korean type.
//!
//! Files go under `dist/preview/`, named by a hash of what they are made from, so an unchanged
//! photo or title is never drawn twice, and a changed one gets a new address that no cache
//! holds stale.

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::imageops::FilterType;
use image::{DynamicImage, Rgb, RgbImage};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The shape every preview has, which the head tags declare.
use news_front::seo::{PREVIEW_HEIGHT as HEIGHT, PREVIEW_WIDTH as WIDTH};
/// The folder under `dist/`.
const FOLDER: &str = "preview";
/// Changes when the drawing changes, so every file is drawn anew.
const STYLE: &str = "card-1";
/// The largest photo read, so a broken image host cannot fill the memory.
const MAX_PHOTO: u64 = 20 * 1024 * 1024;
/// The crops structured data gets beside the preview (Google: 16:9, 4:3 and 1:1).
/// Each is well past the 50,000 pixels Google asks for, and small enough to make quickly.
const CROPS: [(u32, u32); 3] = [(800, 450), (800, 600), (600, 600)];

const NAVY: Rgb<u8> = Rgb([0x0b, 0x3d, 0x91]);
const RED: Rgb<u8> = Rgb([0xc8, 0x10, 0x2e]);
const WHITE: Rgb<u8> = Rgb([0xff, 0xff, 0xff]);
const PALE: Rgb<u8> = Rgb([0xc9, 0xd6, 0xee]);
/// The steps of a glyph's edge between the card's navy and the type's colour: 64, which the eye
/// cannot tell from 256, so that a card's colours fit a palette (`card_colours`).
const COVERAGE_STEPS: u8 = 64;

/// Where the card's Korean type comes from when `--card-font` names none: Debian's and
/// Ubuntu's `fonts-noto-cjk`, which `scripts/setup` installs.
pub const DEFAULT_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
/// Noto Sans CJK's collection holds JP, KR, SC, TC, HK in that order: KR is the second.
const KOREAN_FACE: u32 = 1;

/// A preview made for a page: the 1200×630 image, and the images for structured data.
pub struct Preview {
    /// Its address under the site (`/preview/…jpg`).
    pub src: String,
    /// The addresses for structured data: the photo's three crops, or the card.
    pub structured: Vec<String>,
}

/// Makes and keeps the previews of one run.
pub struct Previews {
    dist: PathBuf,
    site_name: String,
    origin: String,
    font: Option<FontVec>,
    agent: ureq::Agent,
}

impl Previews {
    /// `font` is a TrueType/OpenType file or collection; without a readable one, pages without
    /// a photo get no card (and say so once).
    pub fn new(dist: &Path, site_name: &str, origin: &str, font: &Path) -> (Self, Option<String>) {
        // A collection (`ttcf`) holds several faces: the Korean one is taken from it.
        let read = std::fs::read(font)
            .map_err(|err| err.to_string())
            .and_then(|data| {
                let face = if data.starts_with(b"ttcf") {
                    KOREAN_FACE
                } else {
                    0
                };
                FontVec::try_from_vec_and_index(data, face).map_err(|err| err.to_string())
            });
        let warning = read.as_ref().err().map(|err| {
            format!(
                "{}: {err}; pages without a photo get no preview card",
                font.display()
            )
        });
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        let previews = Self {
            dist: dist.to_owned(),
            site_name: site_name.to_owned(),
            origin: origin.to_owned(),
            font: read.ok(),
            agent,
        };
        (previews, warning)
    }

    /// The preview of a page titled `title` whose own image is `photo` (an absolute address,
    /// or a site path): the photo's crops where it can be read, else the card (in the crops'
    /// shapes too when `shaped`: an article's structured data wants them). Beside it, why the
    /// photo could not be used, if it could not.
    pub fn make(
        &self,
        title: &str,
        photo: Option<&str>,
        shaped: bool,
    ) -> (Option<Preview>, Option<String>) {
        let problem = match photo.map(|photo| self.photo(photo)) {
            Some(Ok(preview)) => return (Some(preview), None),
            Some(Err(reason)) => Some(reason),
            None => None,
        };
        match self.card(title, shaped) {
            Ok(card) => (card, problem),
            Err(reason) => (
                None,
                Some(problem.map_or(reason.clone(), |p| format!("{p}; {reason}"))),
            ),
        }
    }

    fn photo(&self, src: &str) -> Result<Preview, String> {
        let name = |key: &str, (w, h): (u32, u32)| format!("{FOLDER}/photo-{key}-{w}x{h}.jpg");
        let sizes = std::iter::once((WIDTH, HEIGHT)).chain(CROPS);
        let made = |key: &str| {
            sizes
                .clone()
                .all(|size| self.dist.join(name(key, size)).is_file())
        };
        let preview = |key: &str| Preview {
            src: format!("/{}", name(key, (WIDTH, HEIGHT))),
            structured: CROPS
                .iter()
                .map(|&size| format!("/{}", name(key, size)))
                .collect(),
        };
        // A photo on another host (the CMS's) is fetched once: its address keeps the key of
        // what was drawn from it (a CMS gives a changed photo a new address).
        let remote = !src.starts_with('/') && !src.starts_with(&format!("{}/", self.origin));
        let by_address = self
            .dist
            .join(FOLDER)
            .join(".addresses")
            .join(hash(&[STYLE.as_bytes(), src.as_bytes()]));
        if remote {
            if let Ok(key) = std::fs::read_to_string(&by_address) {
                let key = key.trim();
                if key.len() == 16 && key.bytes().all(|b| b.is_ascii_hexdigit()) && made(key) {
                    return Ok(preview(key));
                }
            }
        }
        let bytes = self.read_photo(src)?;
        let key = hash(&[STYLE.as_bytes(), &bytes]);
        if !made(&key) {
            let photo = image::load_from_memory(&bytes).map_err(|err| format!("{src}: {err}"))?;
            for size in sizes {
                write_image(
                    &self.dist.join(name(&key, size)),
                    &cover(&photo, size.0, size.1),
                )?;
            }
        }
        if remote {
            let _ = by_address
                .parent()
                .map(std::fs::create_dir_all)
                .map(|_| std::fs::write(&by_address, &key));
        }
        Ok(preview(&key))
    }

    /// The photo's bytes: a site path from the bundle itself, else over HTTP(S).
    fn read_photo(&self, src: &str) -> Result<Vec<u8>, String> {
        let local = src
            .strip_prefix(&self.origin)
            .filter(|path| path.starts_with('/'))
            .or_else(|| src.strip_prefix('/').map(|_| src));
        if let Some(path) = local {
            let path = path.split(['?', '#']).next().unwrap_or_default();
            // A file of the bundle, and not a hidden one (a run's temporary files are).
            let file = crate::source::file_under(&self.dist, path.trim_start_matches('/'))
                .filter(|file| {
                    file.strip_prefix(&self.dist).is_ok_and(|inside| {
                        !inside
                            .components()
                            .any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
                    })
                })
                .ok_or_else(|| format!("{src}: not a file of the site"))?;
            return std::fs::read(&file).map_err(|err| format!("{src}: {err}"));
        }
        let mut response = self
            .agent
            .get(src)
            .call()
            .map_err(|err| format!("{src}: {err}"))?;
        response
            .body_mut()
            .with_config()
            .limit(MAX_PHOTO)
            .read_to_vec()
            .map_err(|err| format!("{src}: {err}"))
    }

    /// The card: the paper's name above the title, in white on the paper's navy. With
    /// `shaped` (an article's, for its structured data) also in the shapes of [`CROPS`].
    fn card(&self, title: &str, shaped: bool) -> Result<Option<Preview>, String> {
        let Some(font) = &self.font else {
            return Ok(None);
        };
        // A list's later pages share its first page's card: `경기 (2쪽)` is drawn as `경기`.
        let title = news_front::seo::list_title(title.trim());
        let key = hash(&[
            STYLE.as_bytes(),
            self.site_name.as_bytes(),
            b"\0",
            title.as_bytes(),
        ]);
        let name = format!("{FOLDER}/card-{key}.png");
        let file = self.dist.join(&name);
        if !file.is_file() {
            write_card(
                &file,
                &draw_card(font, &self.site_name, title, (WIDTH, HEIGHT)),
            )?;
        }
        let src = format!("/{name}");
        if !shaped {
            return Ok(Some(Preview {
                structured: vec![src.clone()],
                src,
            }));
        }
        let mut structured = Vec::new();
        for (w, h) in CROPS {
            let name = format!("{FOLDER}/card-{key}-{w}x{h}.png");
            let file = self.dist.join(&name);
            if !file.is_file() {
                write_card(&file, &draw_card(font, &self.site_name, title, (w, h)))?;
            }
            structured.push(format!("/{name}"));
        }
        Ok(Some(Preview { src, structured }))
    }
}

/// The first 16 hex digits of the SHA-256 of `parts`.
fn hash(parts: &[&[u8]]) -> String {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update(part);
    }
    digest.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// `photo` cut to the shape of `width`×`height` about its centre, and scaled to that size.
fn cover(photo: &DynamicImage, width: u32, height: u32) -> RgbImage {
    let (w, h) = (photo.width().max(1), photo.height().max(1));
    // The largest box of the target's shape inside the photo.
    let (crop_w, crop_h) = if u64::from(w) * u64::from(height) > u64::from(h) * u64::from(width) {
        (
            (u64::from(h) * u64::from(width) / u64::from(height)) as u32,
            h,
        )
    } else {
        (
            w,
            (u64::from(w) * u64::from(height) / u64::from(width)) as u32,
        )
    };
    let (crop_w, crop_h) = (crop_w.max(1), crop_h.max(1));
    photo
        .crop_imm((w - crop_w) / 2, (h - crop_h) / 2, crop_w, crop_h)
        .resize_exact(width, height, FilterType::CatmullRom)
        .to_rgb8()
}

/// Writes `picture` (a photo's preview: the cards have `write_card`) in the format its file's
/// name says, JPEG for every name the run gives. (`save_buffer` rather than a `JpegEncoder` of
/// our own: its encoder is then compiled in the `image` crate, which the test build optimises,
/// not in this one.)
fn write_image(file: &Path, picture: &RgbImage) -> Result<(), String> {
    let kind = file
        .extension()
        .and_then(|kind| kind.to_str())
        .unwrap_or("jpg");
    write_atomically(file, kind, |temporary| {
        image::save_buffer(
            temporary,
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|err| err.to_string())
    })
}

/// Writes a card as a PNG with its palette: a third of an RGB picture's bytes to compress, so the
/// fast compression (`fdeflate`) is enough. The 18,066 cards of the 10,000-article benchmark
/// site: 203 MB, against 519 MB as RGB with the default compression, and written in less time
/// (the default compression on the palette's bytes took three times as long as on RGB).
fn write_card(file: &Path, card: &Card) -> Result<(), String> {
    write_atomically(file, "png", |temporary| {
        let out = std::io::BufWriter::new(std::fs::File::create(temporary)?);
        let mut encoder = png::Encoder::new(out, card.width, card.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(card_colours().concat());
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&card.pixels)?;
        writer.finish()
    })
}

/// Writes `file` by `write` to a temporary name beside it (ending in `.kind`, by which an
/// encoder may be chosen), then renamed, like every file of a run.
fn write_atomically<E: std::fmt::Display>(
    file: &Path,
    kind: &str,
    write: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<(), String> {
    let fail = |err: &dyn std::fmt::Display| format!("{}: {err}", file.display());
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|err| fail(&err))?;
    }
    let temporary = super::output::temporary_beside(file).with_extension(kind);
    if let Err(err) = write(&temporary) {
        let _ = std::fs::remove_file(&temporary);
        return Err(fail(&err));
    }
    std::fs::rename(&temporary, file).map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        fail(&err)
    })
}

/// A card as drawn: each pixel a place in [`card_colours`].
pub struct Card {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

/// The places of the card's colours: its navy, its red rule, then the edges of its type, from
/// navy to the type's colour in [`COVERAGE_STEPS`] steps, for the paper's name and the title.
const NAVY_AT: u8 = 0;
const RED_AT: u8 = 1;
const PALE_FROM: u8 = 2;
const WHITE_FROM: u8 = PALE_FROM + COVERAGE_STEPS + 1;

/// The card's palette, by the places above.
fn card_colours() -> Vec<[u8; 3]> {
    let ramp = |to: Rgb<u8>| {
        (0..=COVERAGE_STEPS).map(move |step| {
            let coverage = f32::from(step) / f32::from(COVERAGE_STEPS);
            std::array::from_fn(|channel| {
                let (under, over) = (f32::from(NAVY.0[channel]), f32::from(to.0[channel]));
                (under + (over - under) * coverage) as u8
            })
        })
    };
    [NAVY.0, RED.0]
        .into_iter()
        .chain(ramp(PALE))
        .chain(ramp(WHITE))
        .collect()
}

/// Draws the card at `width`×`height`: a red rule, the paper's name, the title in up to four
/// lines (cut with `…`). The 1200×630 layout is scaled to fit the shape and centred in it.
pub fn draw_card(
    font: &FontVec,
    site_name: &str,
    title: &str,
    (width, height): (u32, u32),
) -> Card {
    let scale = (width as f32 / WIDTH as f32).min(height as f32 / HEIGHT as f32);
    let offset = (height as f32 - HEIGHT as f32 * scale) / 2.0;
    let area = width as usize * height as usize;
    let rule = ((12.0 * scale).round() as usize * width as usize).min(area);
    let mut pixels = vec![NAVY_AT; area];
    pixels[..rule].fill(RED_AT);
    let mut card = Card {
        width,
        height,
        pixels,
    };
    let margin = 80.0 * scale;
    draw_text(
        &mut card,
        font,
        site_name,
        40.0 * scale,
        margin,
        offset + 120.0 * scale,
        PALE_FROM,
    );
    let size = scale
        * if title.chars().count() > 40 {
            56.0
        } else {
            68.0
        };
    let lines = wrap(font, title, size, width as f32 - 2.0 * margin, 4);
    let line_height = size * 1.35;
    let top = offset + 230.0 * scale + (4 - lines.len().min(4)) as f32 * line_height / 2.0;
    for (i, line) in lines.iter().enumerate() {
        draw_text(
            &mut card,
            font,
            line,
            size,
            margin,
            top + i as f32 * line_height,
            WHITE_FROM,
        );
    }
    card
}

/// `text` in lines no wider than `width` at `size`: broken at spaces where a word fits, else
/// between any two characters (Korean allows both); past `max_lines` the last ends with `…`.
fn wrap(font: &FontVec, text: &str, size: f32, width: f32, max_lines: usize) -> Vec<String> {
    let scaled = font.as_scaled(PxScale::from(size));
    let advance = |text: &str| -> f32 {
        text.chars()
            .map(|c| scaled.h_advance(scaled.glyph_id(c)))
            .sum()
    };
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let joined = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if advance(&joined) <= width {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is broken between characters.
        for c in word.chars() {
            if advance(&format!("{line}{c}")) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && advance(&format!("{last}…")) > width {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// Draws `text` with its baseline at `baseline`: each pixel a glyph covers takes the step of the
/// ramp from `colour_from` that its coverage reaches.
fn draw_text(
    card: &mut Card,
    font: &FontVec,
    text: &str,
    size: f32,
    left: f32,
    baseline: f32,
    colour_from: u8,
) {
    let scaled = font.as_scaled(PxScale::from(size));
    let steps = f32::from(COVERAGE_STEPS);
    let mut x = left;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(x, baseline));
        x += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let (px, py) = (
                bounds.min.x as i64 + i64::from(gx),
                bounds.min.y as i64 + i64::from(gy),
            );
            if px < 0 || py < 0 || px >= i64::from(card.width) || py >= i64::from(card.height) {
                return;
            }
            let at = &mut card.pixels[py as usize * card.width as usize + px as usize];
            // Where two glyphs touch, the second covers what the first left uncovered.
            let under = match at.checked_sub(colour_from) {
                Some(step) if step <= COVERAGE_STEPS => f32::from(step) / steps,
                _ => 0.0,
            };
            let covered = 1.0 - (1.0 - under) * (1.0 - coverage.clamp(0.0, 1.0));
            *at = colour_from + (covered * steps).round() as u8;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> Option<FontVec> {
        let data = std::fs::read(DEFAULT_FONT).ok()?;
        FontVec::try_from_vec_and_index(data, KOREAN_FACE).ok()
    }

    #[test]
    fn photos_are_cut_about_their_centre_to_the_shape_asked() {
        let photo = DynamicImage::ImageRgb8(RgbImage::from_fn(1200, 800, |x, _| {
            if x < 600 {
                Rgb([255, 0, 0])
            } else {
                Rgb([0, 0, 255])
            }
        }));
        let preview = cover(&photo, WIDTH, HEIGHT);
        assert_eq!(preview.dimensions(), (1200, 630));
        let square = cover(&photo, 1200, 1200);
        assert_eq!(square.dimensions(), (1200, 1200));
        // The middle 800 columns were kept: red on the left, blue on the right.
        assert_eq!(square.get_pixel(100, 600).0, [255, 0, 0]);
        assert_eq!(square.get_pixel(1100, 600).0, [0, 0, 255]);
        let tall = DynamicImage::ImageRgb8(RgbImage::new(3, 4000));
        assert_eq!(cover(&tall, WIDTH, HEIGHT).dimensions(), (1200, 630));
    }

    #[test]
    fn a_photo_address_from_the_api_cannot_leave_the_bundle() {
        let dist = std::env::temp_dir().join(format!("preview-paths-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("img")).unwrap();
        std::fs::write(dist.join("secret.txt"), "secret").unwrap();
        std::fs::write(dist.join("img/a.webp"), "not an image").unwrap();
        let (previews, _) = Previews::new(
            &dist.join("img"),
            "한가람일보",
            "https://news.example",
            Path::new("/nonexistent"),
        );
        for src in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/a/..%2F..%2Fsecret.txt",
            "https://news.example/../secret.txt",
            "/.hidden",
        ] {
            assert!(previews.read_photo(src).is_err(), "{src}");
        }
        // A file that is no image is refused by the decoder, and without a font no card is
        // made: the page keeps no preview, and says why.
        let (made, problem) = previews.make("제목", Some("/a.webp"), true);
        assert!(made.is_none());
        assert!(problem.is_some());
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn long_titles_wrap_into_four_lines_and_are_cut() {
        let Some(font) = font() else {
            panic!("{DEFAULT_FONT} is missing: scripts/setup --test installs fonts-noto-cjk");
        };
        let title = "가".repeat(300);
        let lines = wrap(&font, &title, 56.0, 1040.0, 4);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with('…'));
        let short = wrap(&font, "고양시 도서관 3곳 새로 연다", 68.0, 1040.0, 4);
        assert_eq!(short, ["고양시 도서관 3곳 새로 연다"]);
    }

    #[test]
    fn a_photo_on_the_cms_is_fetched_once_by_its_address() {
        use std::io::{Read, Write};
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let mut jpeg = Vec::new();
        RgbImage::from_pixel(1600, 900, Rgb([40, 90, 160]))
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!(
            "http://{}/wp-content/uploads/photo.jpg",
            listener.local_addr().unwrap()
        );
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = asked.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut request = [0u8; 2048];
                let _ = stream.read(&mut request);
                counter.fetch_add(1, Ordering::SeqCst);
                let head = format!("HTTP/1.1 200 OK\r\ncontent-type: image/jpeg\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", jpeg.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&jpeg);
            }
        });
        let dist = std::env::temp_dir().join(format!("preview-remote-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(&dist).unwrap();
        let (previews, _) = Previews::new(
            &dist,
            "한가람일보",
            "https://news.example",
            Path::new("/nonexistent"),
        );
        let (first, problem) = previews.make("기사", Some(&address), true);
        assert_eq!(problem, None);
        let first = first.unwrap();
        assert!(first.src.starts_with("/preview/photo-"));
        for _ in 0..3 {
            let (again, _) = previews.make("기사", Some(&address), true);
            assert_eq!(again.unwrap().src, first.src);
        }
        assert_eq!(asked.load(Ordering::SeqCst), 1, "fetched once");
        // Its drawings gone, it is fetched again.
        std::fs::remove_dir_all(dist.join("preview")).unwrap();
        std::fs::create_dir_all(dist.join("preview")).unwrap();
        let (again, _) = previews.make("기사", Some(&address), true);
        assert_eq!(again.unwrap().src, first.src);
        assert_eq!(asked.load(Ordering::SeqCst), 2);
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn cards_come_in_the_shapes_structured_data_asks_for() {
        assert!(
            font().is_some(),
            "{DEFAULT_FONT} is missing: scripts/setup --test installs fonts-noto-cjk"
        );
        let dist = std::env::temp_dir().join(format!("preview-cards-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let font_file = Path::new(DEFAULT_FONT);
        let (previews, warning) =
            Previews::new(&dist, "한가람일보", "https://news.example", font_file);
        assert_eq!(warning, None);
        let (made, _) = previews.make("사진 없는 기사", None, true);
        let made = made.unwrap();
        assert!(made.src.starts_with("/preview/card-") && made.src.ends_with(".png"));
        assert_eq!(made.structured.len(), 3);
        for (src, (w, h)) in made.structured.iter().zip(CROPS) {
            assert!(src.ends_with(&format!("-{w}x{h}.png")), "{src}");
            let picture = image::open(dist.join(src.trim_start_matches('/'))).unwrap();
            assert_eq!((picture.width(), picture.height()), (w, h));
            // Drawn, not blank: the title's white type is on the navy.
            let white = picture
                .to_rgb8()
                .pixels()
                .filter(|p| p.0 == [255, 255, 255])
                .count();
            assert!(white > 200, "{src}: {white} white pixels");
        }
        // Other pages keep the one card, as before.
        let (page, _) = previews.make("경기", None, false);
        let page = page.unwrap();
        assert_eq!(page.structured, std::slice::from_ref(&page.src));
        let _ = std::fs::remove_dir_all(&dist);
    }

    /// The card in RGB, as a reader's browser shows it.
    fn rgb(card: &Card) -> RgbImage {
        let colours = card_colours();
        let mut picture = RgbImage::new(card.width, card.height);
        for (pixel, place) in picture.pixels_mut().zip(&card.pixels) {
            pixel.0 = colours[usize::from(*place)];
        }
        picture
    }

    #[test]
    fn a_card_is_written_with_its_palette_and_reads_back_pixel_for_pixel() {
        let font = font().expect("scripts/setup --test installs fonts-noto-cjk");
        let dist = std::env::temp_dir().join(format!("preview-palette-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let card = draw_card(
            &font,
            "한가람일보",
            "인천대교 개통 17년, 하루 통행량 7만 대 돌파…송도·영종 생활권 하나로",
            (WIDTH, HEIGHT),
        );
        let file = dist.join("card.png");
        write_card(&file, &card).unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap()[25],
            3,
            "colour type 3: indexed"
        );
        let drawn = rgb(&card);
        let written = image::open(&file).unwrap().to_rgb8();
        assert!(written == drawn, "the file is not the card drawn");
        // The card: the red rule, the navy, the pale name and the white title with their edges.
        let count = |colour: Rgb<u8>| drawn.pixels().filter(|p| **p == colour).count();
        assert_eq!(count(RED), 12 * WIDTH as usize);
        assert!(count(NAVY) > 600_000, "{}", count(NAVY));
        assert!(count(PALE) > 200 && count(WHITE) > 5_000);
        let edges = drawn
            .pixels()
            .filter(|p| ![RED, NAVY, PALE, WHITE].contains(p))
            .count();
        assert!(edges > 5_000, "no smooth edges: {edges}");
        let _ = std::fs::remove_dir_all(&dist);
    }
}
