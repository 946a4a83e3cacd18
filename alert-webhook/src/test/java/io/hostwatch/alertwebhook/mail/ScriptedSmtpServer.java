package io.hostwatch.alertwebhook.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An SMTP server that answers RCPT TO with a fixed reply, for the replies GreenMail never gives
 * (550 unknown user, 451 try later). It speaks just enough SMTP for Jakarta Mail.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String rcptReply;
  private final Thread thread;

  ScriptedSmtpServer(String rcptReply) throws IOException {
    this.rcptReply = rcptReply;
    this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        s.setSoTimeout(5000);
        converse(s);
      } catch (IOException e) {
        // closed, or the client hung up
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
    out.print("220 scripted ESMTP\r\n");
    out.flush();
    for (String line; (line = in.readLine()) != null; ) {
      String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
      String reply =
          switch (cmd) {
            case "EHLO", "HELO" -> "250 scripted";
            case "MAIL", "RSET", "NOOP" -> "250 ok";
            case "RCPT" -> rcptReply;
            case "QUIT" -> "221 bye";
            default -> "502 not implemented";
          };
      out.print(reply + "\r\n");
      out.flush();
      if (cmd.equals("QUIT")) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
