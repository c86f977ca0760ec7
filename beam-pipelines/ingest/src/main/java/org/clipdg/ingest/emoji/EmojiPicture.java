package org.clipdg.ingest.emoji;

/** One style's picture of an emoji, and the file (and entry) of its npm package it comes from. */
record EmojiPicture(Artwork artwork, String source) {}
