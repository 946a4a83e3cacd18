package io.hostwatch.alertwebhook.render;

/** A PNG shown in the HTML part through {@code <img src="cid:...">}. */
public record InlineImage(String contentId, String fileName, byte[] png) {}
