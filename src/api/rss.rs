//! M5: the auto-update feed is Sparkle RSS; the newest version is on `<enclosure>`.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::model::UpdateInfo;

/// Reads the first `<enclosure>` of the feed: its `url`, `sparkle:version`, `sparkle:os`.
pub fn parse_update_feed(xml: &str) -> Result<UpdateInfo, String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"enclosure" =>
            {
                let mut info = UpdateInfo::default();
                for attr in e.attributes() {
                    let attr =
                        attr.map_err(|err| format!("bad attribute in the update feed: {err}"))?;
                    let value = attr
                        .unescape_value()
                        .map_err(|err| format!("bad attribute value in the update feed: {err}"))?
                        .into_owned();
                    match attr.key.local_name().as_ref() {
                        b"url" => info.url = value,
                        b"version" => info.version = value,
                        b"os" => info.os = value,
                        _ => {}
                    }
                }
                if info.version.is_empty() {
                    return Err("the update feed's enclosure has no version".into());
                }
                return Ok(info);
            }
            Ok(Event::Eof) => return Err("the update feed has no <enclosure>".into()),
            Err(err) => return Err(format!("the update feed is not valid XML: {err}")),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_sample() {
        // The sample of seeds/000 (misc API), verbatim apart from its comments.
        let xml = r#"<rss version="2.0" xmlns:sparkle="http://www.andymatuschak.org/xml-namespaces/sparkle">
  <channel>
    <title>云湖社交</title>
    <description>云湖社交更新中</description>
    <item>
      <enclosure url="" sparkle:dsaSignature="" sparkle:version="+0" sparkle:os="windows" length="0" type="application/octet-stream"></enclosure>
    </item>
  </channel>
</rss>"#;
        let info = parse_update_feed(xml).unwrap();
        assert_eq!(
            info,
            UpdateInfo {
                version: "+0".into(),
                url: String::new(),
                os: "windows".into()
            }
        );
    }

    #[test]
    fn reads_a_self_closing_enclosure_with_escaped_url() {
        let xml = r#"<rss><channel><item><enclosure url="https://x.example/a?b=1&amp;c=2" sparkle:version="1.6.58" sparkle:os="macos"/></item></channel></rss>"#;
        let info = parse_update_feed(xml).unwrap();
        assert_eq!(info.url, "https://x.example/a?b=1&c=2");
        assert_eq!(info.version, "1.6.58");
    }

    #[test]
    fn rejects_feeds_without_an_enclosure_or_not_xml() {
        assert!(parse_update_feed("<rss><channel/></rss>").is_err());
        assert!(
            parse_update_feed("<rss><channel><item><enclosure url=\"x\"/></item></channel></rss>")
                .is_err()
        );
        assert!(parse_update_feed("<rss><a></b></rss>").is_err());
    }
}
