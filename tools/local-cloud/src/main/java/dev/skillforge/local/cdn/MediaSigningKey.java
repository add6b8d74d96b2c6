package dev.skillforge.local.cdn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * LOCAL ONLY. The media URL signing key pair of a state folder, made once (RSA-2048): the private key as PKCS#8 PEM
 * (what the operator stores in the {@code skillforge-<stage>-media-signing-key} secret on AWS), readable by its
 * owner only, and the public key as X.509 SubjectPublicKeyInfo PEM (the template's {@code MediaSigningPublicKey}).
 */
public record MediaSigningKey(String privateKeyPem, String publicKeyPem) {

    /** The key pair in {@code directory} ({@code private.pem}, {@code public.pem}), made on first use. */
    public static MediaSigningKey in(Path directory) throws IOException, GeneralSecurityException {
        Path privatePem = directory.resolve("private.pem");
        Path publicPem = directory.resolve("public.pem");
        if (!Files.isRegularFile(privatePem) || !Files.isRegularFile(publicPem)) {
            Files.createDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // Created owner-only before the key is written into it.
            Files.deleteIfExists(privatePem);
            Files.createFile(privatePem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return new MediaSigningKey(Files.readString(privatePem), Files.readString(publicPem));
    }

    /** DER bytes as PEM with the given label, 64 characters a line. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** An RSA public key from its PEM (what an AWS::CloudFront::PublicKey's EncodedKey holds). */
    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
