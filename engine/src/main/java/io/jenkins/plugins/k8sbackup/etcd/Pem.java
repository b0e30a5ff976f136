package io.jenkins.plugins.k8sbackup.etcd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys. Keys come as PKCS#8 ("PRIVATE KEY") or, as kubeadm and
 * {@code openssl genrsa} write them, PKCS#1 ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE KEY"); the JDK reads
 * only PKCS#8, so the other two are wrapped, which avoids a BouncyCastle dependency.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private Pem() {}

    static List<X509Certificate> certificates(byte[] pem, String what) {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no PEM certificate");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(byte[] pem, String what) {
        Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> sequence(hex("020100"), RSA_ALGORITHM, tlv(0x04, der));
                case "EC PRIVATE KEY" -> sequence(hex("020100"), sequence(EC_PUBLIC_KEY_OID, sec1CurveOid(der, what)),
                        tlv(0x04, der));
                default -> throw new IllegalArgumentException(what + ": " + type
                        + " is not supported; convert it with `openssl pkcs8 -topk8 -nocrypt`");
            };
            for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException tryNext) {
                    // the PEM label does not say which algorithm a PKCS#8 key uses
                }
            }
            throw new IllegalArgumentException(what + " is not a readable RSA, EC or Ed25519 private key");
        }
        throw new IllegalArgumentException(what + " holds no PEM private key");
    }

    /** SEC1 keys name their curve in the optional [0] field; PKCS#8 needs it in the algorithm identifier. */
    private static byte[] sec1CurveOid(byte[] der, String what) {
        int[] pos = {0};
        int seqEnd = enter(der, pos, 0x30);
        skip(der, pos); // version
        skip(der, pos); // private key octets
        if (pos[0] < seqEnd && (der[pos[0]] & 0xff) == 0xa0) {
            int end = enter(der, pos, 0xa0);
            return java.util.Arrays.copyOfRange(der, pos[0], end);
        }
        throw new IllegalArgumentException(what + ": EC key without curve parameters; convert it with `openssl pkcs8 -topk8 -nocrypt`");
    }

    private static int enter(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("malformed private key");
        }
        pos[0]++;
        int length = length(der, pos);
        return pos[0] + length;
    }

    private static void skip(byte[] der, int[] pos) {
        pos[0]++;
        int length = length(der, pos);
        pos[0] += length;
    }

    private static int length(byte[] der, int[] pos) {
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
