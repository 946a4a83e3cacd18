package io.hostwatch.alertwebhook.render;

/** A template that cannot be used; the message names the file and line. */
public final class TemplateException extends Exception {
  public TemplateException(String message) {
    super(message);
  }
}
