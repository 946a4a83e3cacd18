package io.hostwatch.alertwebhook.render;

import java.util.List;

/** An email's content, ready to be wrapped in MIME: subject free of CR/LF, both bodies, images. */
public record RenderedEmail(String subject, String html, String text, List<InlineImage> images) {}
