package org.clipdg.ingest.emoji;

/** The licences of the image sources, by SPDX identifier. */
enum Licence {
    MIT("MIT", "https://opensource.org/license/mit"),
    CC_BY_SA_4("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    CC_BY_4("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/");

    private final String spdx;
    private final String url;

    Licence(String spdx, String url) {
        this.spdx = spdx;
        this.url = url;
    }

    String spdx() {
        return spdx;
    }

    String url() {
        return url;
    }
}
