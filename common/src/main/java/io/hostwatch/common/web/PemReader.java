package io.hostwatch.common.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys the way Go's {@code tls.X509KeyPair} accepts them: PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC
 * PRIVATE KEY}). The JDK only reads PKCS#8, so the other two are wrapped into PKCS#8 here rather
 * than pulling in BouncyCastle.
 */
public final class PemReader {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----",
          Pattern.DOTALL);
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private PemReader() {}

  /** A problem with PEM content, phrased for the user. */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
      super(message);
    }
  }

  /** Every certificate in {@code pem}, in order; at least one. */
  public static List<X509Certificate> certificates(String pem) throws PemException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem)) {
        if (block.type().equals("CERTIFICATE")) {
          out.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw new PemException("invalid certificate: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new PemException("no certificate found (expected a PEM -----BEGIN CERTIFICATE-----)");
    }
    return out;
  }

  /** The first private key in {@code pem}. */
  public static PrivateKey privateKey(String pem) throws PemException {
    for (Block block : blocks(pem)) {
      switch (block.type()) {
        case "PRIVATE KEY":
          return pkcs8(block.der());
        case "RSA PRIVATE KEY":
          return pkcs8(wrapPkcs1(block.der()));
        case "EC PRIVATE KEY":
          return pkcs8(wrapSec1(block.der()));
        case "ENCRYPTED PRIVATE KEY":
          throw new PemException(
              "encrypted private keys are not supported (expected an unencrypted key, e.g. from"
                  + " 'openssl pkey -in key.pem -out plain.pem')");
        default:
          // EC PARAMETERS and the like come before the key in openssl's output; skip them.
      }
    }
    throw new PemException(
        "no private key found (expected a PEM -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE"
            + " KEY----- or -----BEGIN EC PRIVATE KEY-----)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String pem) throws PemException {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new PemException("invalid base64 in PEM block " + m.group(1));
      }
    }
    return out;
  }

  private static PrivateKey pkcs8(byte[] der) throws PemException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // Not this algorithm; try the next.
      }
    }
    throw new PemException("invalid private key (expected an RSA, ECDSA or Ed25519 key)");
  }

  /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, key. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
  }

  /**
   * PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey. The curve OID, which PKCS#8 puts in the
   * algorithm identifier, is taken from the SEC1 key's {@code [0] parameters}.
   */
  static byte[] wrapSec1(byte[] sec1) throws PemException {
    byte[] curveOid = sec1CurveOid(sec1);
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curveOid));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
  }

  private static byte[] sec1CurveOid(byte[] sec1) throws PemException {
    try {
      Der outer = new Der(sec1, 0);
      if (outer.tag != 0x30) {
        throw new PemException("invalid EC private key (expected a SEC1 ECPrivateKey)");
      }
      int pos = outer.contentStart;
      while (pos < outer.end) {
        Der child = new Der(sec1, pos);
        if (child.tag == 0xa0) {
          Der oid = new Der(sec1, child.contentStart);
          return java.util.Arrays.copyOfRange(sec1, child.contentStart, oid.end);
        }
        pos = child.end;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new PemException("invalid EC private key (truncated DER)");
    }
    throw new PemException("EC private key without named curve parameters (expected SEC1 [0])");
  }

  /** One DER tag-length-value header; enough to walk SEC1's top-level fields. */
  private static final class Der {
    final int tag;
    final int contentStart;
    final int end;

    Der(byte[] b, int pos) {
      tag = b[pos] & 0xff;
      int len = b[pos + 1] & 0xff;
      int start = pos + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[start + i] & 0xff);
        }
        start += n;
      }
      contentStart = start;
      end = start + len;
      if (end > b.length) {
        throw new ArrayIndexOutOfBoundsException(end);
      }
    }
  }

  private static byte[] sequence(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
