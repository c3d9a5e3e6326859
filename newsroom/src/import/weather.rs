//! `newsroom import weather`: the weather strip's numbers from 기상청 단기예보 조회서비스
//! (`VilageFcstInfoService_2.0`), for the cities of a table (`deploy/weather-cities.json`).
//!
//! Per city, 초단기실황 (`getUltraSrtNcst`: T1H, the temperature, and PTY, the precipitation)
//! and the first hour of 초단기예보 (`getUltraSrtFcst`: SKY, which 실황 has not). Each asks for
//! the latest published base time (실황 HH00 from about HH:40, 예보 HH30 from about HH:45) and
//! steps back an hour on `03 NO_DATA`. PTY wins over SKY. Values come as strings; errors may
//! come as XML (`OpenAPI_ServiceResponse`) even with `dataType=JSON`.
//!
//! A city that fails keeps its last value from the previous `weather.json`, with the time it
//! was observed; the others are still written. A key the service refuses, or every city
//! failing, ends the run with the cause and leaves `weather.json` as it was. The key is never
//! printed: messages name the service and the city, never the address asked.

use crate::cli::ImportWeather;
use chrono::{DateTime, Duration, FixedOffset, Timelike};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;
use std::process::ExitCode;

/// The cities the strip shows when `--cities` names no table: 기상청's 17 cities of the seed.
const CITIES: &str = include_str!("../../../deploy/weather-cities.json");

/// How long one request may take.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// A city of the table: its name, and its place as latitude and longitude (the grid is
/// computed from it) or as the grid itself.
#[derive(Deserialize, Debug, Clone)]
pub struct City {
    pub name: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub nx: Option<i32>,
    #[serde(default)]
    pub ny: Option<i32>,
}

#[derive(Deserialize)]
struct Table {
    cities: Vec<City>,
}

/// The sky shown, from 기상청's codes: PTY (precipitation) wins, then SKY.
pub fn sky(pty: Option<&str>, sky: Option<&str>) -> Option<&'static str> {
    match pty.map(str::trim) {
        Some("1" | "5") => return Some("rain"),
        Some("2" | "6") => return Some("rain_snow"),
        Some("3" | "7") => return Some("snow"),
        Some("4") => return Some("shower"),
        _ => {}
    }
    match sky.map(str::trim) {
        Some("1") => Some("clear"),
        // SKY 2 (구름조금) is no longer given; a value from an older service still reads.
        Some("2") => Some("partly_cloudy"),
        Some("3") => Some("cloudy"),
        Some("4") => Some("overcast"),
        _ => None,
    }
}

/// 기상청's grid (동네예보 격자, 5 km) of a place, by the Lambert conformal conic conversion
/// the service's guide gives (`dfs_xy_conv`): earth radius 6371.00877 km, standard parallels
/// 30° and 60°, origin 38° N 126° E at grid (43, 136).
pub fn grid(lat: f64, lon: f64) -> (i32, i32) {
    const RE: f64 = 6371.00877;
    const GRID: f64 = 5.0;
    const SLAT1: f64 = 30.0;
    const SLAT2: f64 = 60.0;
    const OLON: f64 = 126.0;
    const OLAT: f64 = 38.0;
    const XO: f64 = 43.0;
    const YO: f64 = 136.0;
    let degrad = std::f64::consts::PI / 180.0;
    let re = RE / GRID;
    let (slat1, slat2, olon, olat) = (SLAT1 * degrad, SLAT2 * degrad, OLON * degrad, OLAT * degrad);
    let quarter = std::f64::consts::PI * 0.25;
    let sn = (slat1.cos() / slat2.cos()).ln()
        / ((quarter + slat2 * 0.5).tan() / (quarter + slat1 * 0.5).tan()).ln();
    let sf = (quarter + slat1 * 0.5).tan().powf(sn) * slat1.cos() / sn;
    let ro = re * sf / (quarter + olat * 0.5).tan().powf(sn);
    let ra = re * sf / (quarter + lat * degrad * 0.5).tan().powf(sn);
    let mut theta = lon * degrad - olon;
    if theta > std::f64::consts::PI {
        theta -= 2.0 * std::f64::consts::PI;
    }
    if theta < -std::f64::consts::PI {
        theta += 2.0 * std::f64::consts::PI;
    }
    theta *= sn;
    let x = (ra * theta.sin() + XO + 0.5).floor() as i32;
    let y = (ro - ra * theta.cos() + YO + 0.5).floor() as i32;
    (x, y)
}

/// The latest base time published by `now`: the hour's `minute` mark once `ready` minutes have
/// passed, else the hour before's. As `(YYYYMMDD, HHMM, the time)`.
fn base_time(now: DateTime<FixedOffset>, minute: u32, ready: u32) -> DateTime<FixedOffset> {
    let hour = now
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    if now.minute() >= ready {
        hour + Duration::minutes(i64::from(minute))
    } else {
        hour - Duration::hours(1) + Duration::minutes(i64::from(minute))
    }
}

/// Why one request gave nothing.
#[derive(Debug)]
enum Failure {
    /// `03 NO_DATA`: not published yet for that base time.
    NoData,
    /// The service refuses the key (or the quota is spent): the whole run stops.
    Key(String),
    Other(String),
}

struct Service {
    base: String,
    key: String,
    agent: ureq::Agent,
}

impl Service {
    /// The items of one operation for a base time and a grid point.
    fn items(
        &self,
        operation: &str,
        base: DateTime<FixedOffset>,
        (nx, ny): (i32, i32),
    ) -> Result<Vec<Value>, Failure> {
        let url = format!(
            "{}/{operation}?serviceKey={}&pageNo=1&numOfRows=100&dataType=JSON&base_date={}&base_time={}&nx={nx}&ny={ny}",
            self.base,
            percent_encoding::utf8_percent_encode(&self.key, percent_encoding::NON_ALPHANUMERIC),
            base.format("%Y%m%d"),
            base.format("%H%M"),
        );
        // Never the address in a message: it holds the key.
        let mut response = self
            .agent
            .get(&url)
            .call()
            .map_err(|err| Failure::Other(format!("{operation}: {}", transport(&err))))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(4 * 1024 * 1024)
            .read_to_string()
            .map_err(|err| Failure::Other(format!("{operation}: {}", transport(&err))))?;
        if body.trim_start().starts_with('<') {
            return Err(xml_failure(operation, &body));
        }
        if status >= 400 {
            return Err(Failure::Other(format!("{operation}: HTTP {status}")));
        }
        let json: Value = serde_json::from_str(&body).map_err(|err| {
            Failure::Other(format!("{operation}: an answer that does not read ({err})"))
        })?;
        let header = &json["response"]["header"];
        match header["resultCode"].as_str().unwrap_or_default() {
            "00" => {}
            "03" => return Err(Failure::NoData),
            code @ ("20" | "22" | "30" | "31" | "32" | "33") => {
                return Err(Failure::Key(format!(
                    "{operation}: {code} {}",
                    clean(header["resultMsg"].as_str().unwrap_or_default())
                )))
            }
            code => {
                return Err(Failure::Other(format!(
                    "{operation}: {code} {}",
                    clean(header["resultMsg"].as_str().unwrap_or_default())
                )))
            }
        }
        Ok(json["response"]["body"]["items"]["item"]
            .as_array()
            .cloned()
            .unwrap_or_default())
    }

    /// The items of the latest base time that has them: `base`, else an hour earlier (twice).
    fn latest(
        &self,
        operation: &str,
        mut base: DateTime<FixedOffset>,
        point: (i32, i32),
    ) -> Result<(DateTime<FixedOffset>, Vec<Value>), Failure> {
        for _ in 0..3 {
            match self.items(operation, base, point) {
                Err(Failure::NoData) => base -= Duration::hours(1),
                Ok(items) if items.is_empty() => base -= Duration::hours(1),
                other => return other.map(|items| (base, items)),
            }
        }
        Err(Failure::Other(format!(
            "{operation}: 03 NO_DATA for three hours"
        )))
    }
}

/// A transport failure, said without the address (which holds the key).
fn transport(err: &ureq::Error) -> String {
    match err {
        ureq::Error::Timeout(_) => "no answer in time (timed out)".to_owned(),
        ureq::Error::Io(io) => io.kind().to_string(),
        ureq::Error::StatusCode(code) => format!("HTTP {code}"),
        _ => "the connection failed".to_owned(),
    }
}

/// The error an XML answer (`OpenAPI_ServiceResponse`) carries; a key problem stops the run.
fn xml_failure(operation: &str, body: &str) -> Failure {
    let field = |name: &str| {
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let end = start + body[start..].find("</")?;
        Some(clean(&body[start..end]))
    };
    let auth = field("returnAuthMsg").unwrap_or_default();
    let reason = field("returnReasonCode").unwrap_or_default();
    let message = field("errMsg").unwrap_or_else(|| "an XML answer".to_owned());
    let said = format!("{operation}: {message} {auth} ({reason})");
    let key = auth.contains("KEY")
        || auth.contains("LIMITED")
        || matches!(reason.as_str(), "20" | "22" | "30" | "31" | "32" | "33");
    if key {
        Failure::Key(said)
    } else {
        Failure::Other(said)
    }
}

/// Text from the service as printable text, short.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One city's weather now: the temperature, the sky, and when it was observed.
fn city_weather(
    service: &Service,
    point: (i32, i32),
    now: DateTime<FixedOffset>,
) -> Result<(f64, Option<&'static str>, DateTime<FixedOffset>), Failure> {
    let (observed, now_items) = service.latest("getUltraSrtNcst", base_time(now, 0, 40), point)?;
    let value = |category: &str, key: &str| {
        now_items
            .iter()
            .find(|item| item["category"] == category)
            .and_then(|item| {
                item[key]
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| item[key].as_f64().map(|n| n.to_string()))
            })
    };
    let temp = value("T1H", "obsrValue")
        .and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|t| (-60.0..=60.0).contains(t))
        .ok_or_else(|| Failure::Other("getUltraSrtNcst: no T1H".to_owned()))?;
    let pty = value("PTY", "obsrValue");
    // The sky of the forecast's first hour (the 실황 has none); without it, PTY alone.
    let forecast = service
        .latest("getUltraSrtFcst", base_time(now, 30, 45), point)
        .map(|(_, items)| items);
    let forecast = match forecast {
        Err(Failure::Key(reason)) => return Err(Failure::Key(reason)),
        other => other.unwrap_or_default(),
    };
    let first = forecast
        .iter()
        .filter_map(|item| {
            Some(format!(
                "{}{}",
                item["fcstDate"].as_str()?,
                item["fcstTime"].as_str()?
            ))
        })
        .min();
    let sky_code = forecast
        .iter()
        .filter(|item| {
            first.as_deref()
                == Some(&format!(
                    "{}{}",
                    item["fcstDate"].as_str().unwrap_or_default(),
                    item["fcstTime"].as_str().unwrap_or_default()
                ))
        })
        .find(|item| item["category"] == "SKY")
        .and_then(|item| item["fcstValue"].as_str().map(str::to_owned));
    Ok((temp, sky(pty.as_deref(), sky_code.as_deref()), observed))
}

/// Runs the import as `options` say, prints what it did and says how it ended.
pub fn main(options: &ImportWeather) -> ExitCode {
    match run(options) {
        Ok(summary) => {
            eprintln!(
                "import weather: {} of {} cities as observed at {}",
                summary.cities - summary.failed.len(),
                summary.cities,
                summary.observed_at.get(11..16).unwrap_or_default()
            );
            if options.json {
                println!("{}", serde_json::to_string(&summary).unwrap_or_default());
            }
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("import weather: {reason}\nimport weather: weather.json is left as it was");
            ExitCode::FAILURE
        }
    }
}

/// What a run did (`--json`): the cities in the table, those that failed this time (each kept
/// with its last value where there was one), and the newest observation written.
#[derive(serde::Serialize)]
struct Summary {
    cities: usize,
    failed: Vec<String>,
    observed_at: String,
    written: String,
}

fn run(options: &ImportWeather) -> Result<Summary, String> {
    let table: Table = match &options.cities {
        Some(file) => serde_json::from_str(
            &std::fs::read_to_string(file).map_err(|err| format!("{}: {err}", file.display()))?,
        )
        .map_err(|err| format!("{}: {err}", file.display()))?,
        None => {
            serde_json::from_str(CITIES).map_err(|err| format!("the built-in cities: {err}"))?
        }
    };
    let now = options.now.unwrap_or_else(crate::system::now);
    let now = now.with_timezone(&news_front::kst::offset());
    let service = Service {
        base: options.kma_url.trim_end_matches('/').to_owned(),
        key: options.kma_key.clone(),
        agent: ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .build()
            .into(),
    };
    let file = options.api.join("weather.json");
    let previous = previous_cities(&file);
    let mut cities = Vec::new();
    let mut failed = Vec::new();
    let mut latest: Option<DateTime<FixedOffset>> = None;
    for city in &table.cities {
        let point = match (city.nx, city.ny, city.lat, city.lon) {
            (Some(nx), Some(ny), _, _) => (nx, ny),
            (_, _, Some(lat), Some(lon)) => grid(lat, lon),
            _ => {
                return Err(format!(
                    "{}: neither nx/ny nor lat/lon in the table",
                    city.name
                ))
            }
        };
        match city_weather(&service, point, now) {
            Ok((temp, sky, observed)) => {
                latest = latest.max(Some(observed));
                let mut entry = json!({ "name": city.name, "temp_c": temp, "observed_at": observed.to_rfc3339() });
                if let Some(sky) = sky {
                    entry["sky"] = json!(sky);
                }
                cities.push(entry);
            }
            Err(Failure::Key(reason)) => {
                return Err(format!(
                    "기상청 refused the key ({reason}): check --kma-key"
                ));
            }
            Err(Failure::NoData) => failed.push(format!("{}: 03 NO_DATA", city.name)),
            Err(Failure::Other(reason)) => {
                failed.push(format!("{}: {reason}", city.name));
                // Its last value, with the time it was observed, where the last file had one.
                if let Some(last) = previous
                    .iter()
                    .find(|last| last["name"] == city.name.as_str())
                {
                    cities.push(last.clone());
                }
            }
        }
    }
    let Some(observed) = latest else {
        return Err(format!("every city failed: {}", failed.join("; ")));
    };
    for reason in &failed {
        eprintln!("import weather: {reason} (its last value kept, if any)");
    }
    let document = json!({
        "date": now.format("%Y-%m-%d").to_string(),
        "observed_at": observed.to_rfc3339(),
        "provider": "기상청",
        "cities": cities,
    });
    crate::build::output::write_json(&file, &document)?;
    Ok(Summary {
        cities: table.cities.len(),
        failed,
        observed_at: observed.to_rfc3339(),
        written: file.display().to_string(),
    })
}

/// The cities of the previous `weather.json`, each with the time it was observed.
fn previous_cities(file: &Path) -> Vec<Value> {
    let Some(document) = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
    else {
        return Vec::new();
    };
    let observed = document["observed_at"].clone();
    document["cities"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|city| city["name"].is_string() && city["temp_c"].is_number())
        .map(|mut city| {
            if city.get("observed_at").is_none() {
                city["observed_at"] = observed.clone();
            }
            city
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precipitation_wins_over_the_sky() {
        assert_eq!(sky(Some("0"), Some("1")), Some("clear"));
        assert_eq!(sky(Some("0"), Some("3")), Some("cloudy"));
        assert_eq!(sky(Some("0"), Some("4")), Some("overcast"));
        assert_eq!(sky(Some("1"), Some("1")), Some("rain"));
        assert_eq!(sky(Some("5"), None), Some("rain"));
        assert_eq!(sky(Some("2"), Some("4")), Some("rain_snow"));
        assert_eq!(sky(Some("6"), None), Some("rain_snow"));
        assert_eq!(sky(Some("3"), Some("1")), Some("snow"));
        assert_eq!(sky(Some("7"), None), Some("snow"));
        assert_eq!(sky(Some("4"), Some("1")), Some("shower"));
        assert_eq!(sky(None, None), None);
        assert_eq!(sky(Some("0"), Some("9")), None);
    }

    #[test]
    fn the_grid_is_kmas_conversion() {
        // The guide's own example (서울시청), and 부산시청.
        assert_eq!(grid(37.5665, 126.9780), (60, 127), "서울");
        assert_eq!(grid(35.1796, 129.0756), (98, 76), "부산");
        // The table shipped: the seed's 17 cities in its order, each grid within one cell of
        // what the conversion gives for the city's place.
        let table: Table = serde_json::from_str(CITIES).unwrap();
        let names: Vec<&str> = table.cities.iter().map(|city| city.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "서울",
                "인천",
                "수원",
                "춘천",
                "강릉",
                "청주",
                "대전",
                "전주",
                "광주",
                "대구",
                "안동",
                "포항",
                "울산",
                "부산",
                "창원",
                "제주",
                "백령도"
            ]
        );
        for city in &table.cities {
            let (x, y) = grid(city.lat.unwrap(), city.lon.unwrap());
            let (nx, ny) = (city.nx.unwrap(), city.ny.unwrap());
            assert!(
                (x - nx).abs() <= 1 && (y - ny).abs() <= 1,
                "{}: {nx},{ny} vs {x},{y}",
                city.name
            );
        }
    }

    #[test]
    fn base_times_wait_until_published() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap();
        let shown = |t: DateTime<FixedOffset>| t.format("%Y%m%d %H%M").to_string();
        assert_eq!(
            shown(base_time(at("2026-12-02T10:39:00+09:00"), 0, 40)),
            "20261202 0900"
        );
        assert_eq!(
            shown(base_time(at("2026-12-02T10:40:00+09:00"), 0, 40)),
            "20261202 1000"
        );
        assert_eq!(
            shown(base_time(at("2026-12-02T10:44:00+09:00"), 30, 45)),
            "20261202 0930"
        );
        assert_eq!(
            shown(base_time(at("2026-12-02T10:45:00+09:00"), 30, 45)),
            "20261202 1030"
        );
        assert_eq!(
            shown(base_time(at("2026-12-02T00:10:00+09:00"), 0, 40)),
            "20261201 2300"
        );
    }

    #[test]
    fn an_xml_error_about_the_key_stops_the_run() {
        let refused = "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg><returnReasonCode>30</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>";
        assert!(matches!(
            xml_failure("getUltraSrtNcst", refused),
            Failure::Key(_)
        ));
        let other = "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>HTTP_ERROR</returnAuthMsg><returnReasonCode>04</returnReasonCode></cmmMsgHeader></OpenAPI_ServiceResponse>";
        assert!(matches!(
            xml_failure("getUltraSrtNcst", other),
            Failure::Other(_)
        ));
    }
}
