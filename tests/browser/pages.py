"""Which public pages the browser tests visit: everything in the sitemap, plus the 404 page."""

import re
from urllib.request import urlopen


def public_paths(site: str) -> list[str]:
    with urlopen(site + "/sitemap.xml") as response:
        xml = response.read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>(.*?)</loc>", xml)]
    return [*paths, "/no-such-page/"]
