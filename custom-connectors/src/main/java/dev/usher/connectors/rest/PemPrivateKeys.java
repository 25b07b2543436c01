package dev.usher.connectors.rest;

import dev.usher.core.ConfigurationException;
import dev.usher.core.ConfigurationException.Problem;
import dev.usher.core.model.Secret;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Reads an RSA private key from PEM text with the JDK alone: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1. */
final class PemPrivateKeys {
  private static final String EXPECTED =
      "expected an unencrypted RSA private key in PEM form ('-----BEGIN PRIVATE KEY-----' as in a"
          + " Google service-account key file, or '-----BEGIN RSA PRIVATE KEY-----')";

  private PemPrivateKeys() {}

  /**
   * @param field the configuration key the PEM came from, for the error
   * @throws ConfigurationException naming the field when the text is no usable RSA key
   */
  static RSAPrivateKey rsa(Secret pem, String field, String subject) {
    // Keys pasted from a JSON key file often keep their escaped line breaks.
    String text = pem.reveal().replace("\\n", "\n").trim();
    boolean pkcs1;
    String begin;
    if (text.contains("-----BEGIN PRIVATE KEY-----")) {
      pkcs1 = false;
      begin = "PRIVATE KEY";
    } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      pkcs1 = true;
      begin = "RSA PRIVATE KEY";
    } else if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw problem(field, subject, "the private key is encrypted; " + EXPECTED);
    } else {
      throw problem(field, subject, "no PEM private key block found; " + EXPECTED);
    }
    int start = text.indexOf("-----BEGIN " + begin + "-----") + ("-----BEGIN " + begin + "-----").length();
    int end = text.indexOf("-----END " + begin + "-----", start);
    if (end < 0) {
      throw problem(field, subject, "the PEM block has no '-----END " + begin + "-----' line; " + EXPECTED);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(start, end).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw problem(field, subject, "the PEM block is not valid base64; " + EXPECTED);
    }
    if (der.length == 0) {
      throw problem(field, subject, "the PEM block is empty; " + EXPECTED);
    }
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? wrapPkcs1(der) : der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw problem(field, subject, "the PEM block is not an RSA private key; " + EXPECTED);
    }
  }

  private static ConfigurationException problem(String field, String subject, String message) {
    return new ConfigurationException(subject, List.of(new Problem(field, message + " (was " + Secret.MASK + ")")));
  }

  /** PrivateKeyInfo { version 0, rsaEncryption with NULL parameters, OCTET STRING pkcs1 }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    ByteArrayOutputStream octets = new ByteArrayOutputStream();
    octets.write(0x04);
    writeLength(octets, pkcs1.length);
    octets.writeBytes(pkcs1);
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    inner.writeBytes(version);
    inner.writeBytes(algorithm);
    inner.writeBytes(octets.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, inner.size());
    out.writeBytes(inner.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length <= 0xff) {
      out.write(0x81);
      out.write(length);
    } else if (length <= 0xffff) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write((length >> 8) & 0xff);
      out.write(length & 0xff);
    }
  }
}
