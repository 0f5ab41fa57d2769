import type { AuthorityUrl } from "./types.ts";

/// Official and free links for a U.S. Code section, with an LII anchor for a
/// pinpoint such as `["b", "2", "C"]` (templates from docs/legal-sources.md §3).
export function uscUrls(
  title: string,
  section: string,
  pinpoint: readonly string[] = [],
): AuthorityUrl[] {
  const anchor = pinpoint.length ? `#${pinpoint.join("_")}` : "";
  return [
    {
      label: "U.S. Code (OLRC)",
      url: `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title${title}-section${section}&num=0&edition=prelim`,
      official: true,
    },
    {
      label: "govinfo",
      url: `https://www.govinfo.gov/link/uscode/${title}/${section}?link-type=html`,
      official: true,
    },
    {
      label: "Cornell LII",
      url: `https://www.law.cornell.edu/uscode/text/${title}/${section}${anchor}`,
    },
  ];
}

/// eCFR and govinfo links for a C.F.R. section such as `208.16`.
export function cfrUrls(
  title: string,
  section: string,
  pinpoint: readonly string[] = [],
): AuthorityUrl[] {
  const [part, num] = section.split(".");
  const anchor = pinpoint.length ? `#p-${section}(${pinpoint.join(")(")})` : "";
  const urls: AuthorityUrl[] = [
    {
      label: "eCFR",
      url: `https://www.ecfr.gov/current/title-${title}/section-${section}${anchor}`,
      official: true,
    },
  ];
  if (num !== undefined) {
    urls.push({
      label: "govinfo",
      url: `https://www.govinfo.gov/link/cfr/${title}/${part}?sectionnum=${num}&year=mostrecent`,
      official: true,
    });
  }
  return urls;
}

/// CourtListener's citation redirect for a reporter citation.
export function courtListenerUrl(volume: string, reporter: string, page: string): AuthorityUrl {
  return {
    label: "CourtListener",
    url: `https://www.courtlistener.com/c/${encodeURIComponent(reporter)}/${volume}/${page}/`,
  };
}
