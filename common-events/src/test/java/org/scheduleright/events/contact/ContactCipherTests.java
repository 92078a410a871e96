package org.scheduleright.events.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWEObject;
import java.text.ParseException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The contact cipher encrypts with the active key, decrypts any configured kid, rejects forgeries and never prints a key or a contact. */
class ContactCipherTests {

    private static final Contact ADA = new Contact("Ada Lovelace", "ada@example.org", "+447700900123");

    private static final String OLD = ContactCipher.newKeyEntry("2026-01");

    private static final String NEW = ContactCipher.newKeyEntry("2026-07");

    @Test
    void encryptedContactDecryptsToTheSameDetails() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);

        assertThat(cipher.decrypt(cipher.encrypt(ADA))).isEqualTo(ADA);
    }

    @Test
    void contactWithoutPhoneRoundTrips() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);
        Contact noPhone = new Contact("Ada Lovelace", "ada@example.org", null);

        Contact decrypted = cipher.decrypt(cipher.encrypt(noPhone));

        assertThat(decrypted).isEqualTo(noPhone);
        assertThat(decrypted.hasPhone()).isFalse();
    }

    @Test
    void contactWithPhoneAndNoEmailRoundTrips() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);
        Contact phoneOnly = new Contact("Ada Lovelace", null, "+447700900123");

        Contact decrypted = cipher.decrypt(cipher.encrypt(phoneOnly));

        assertThat(decrypted).isEqualTo(phoneOnly);
        assertThat(decrypted.email()).isNull();
        assertThat(decrypted.hasPhone()).isTrue();
    }

    @Test
    void contactNeedsAnEmailOrAPhone() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Contact("Ada Lovelace", null, null))
                .withMessageNotContaining("Ada");
        assertThatIllegalArgumentException().isThrownBy(() -> new Contact("Ada Lovelace", " ", ""));
    }

    @Test
    void tokenIsACompactJweWithDirectA256GcmAndTheActiveKid() throws Exception {
        ContactCipher cipher = ContactCipher.fromKeys(NEW + "," + OLD);

        JWEObject jwe = JWEObject.parse(cipher.encrypt(ADA).token());

        assertThat(jwe.getHeader().getAlgorithm().getName()).isEqualTo("dir");
        assertThat(jwe.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
        assertThat(jwe.getHeader().getKeyID()).isEqualTo("2026-07");
        assertThat(cipher.activeKid()).isEqualTo("2026-07");
    }

    @Test
    void sameContactEncryptsDifferentlyEachTime() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);

        assertThat(cipher.encrypt(ADA)).isNotEqualTo(cipher.encrypt(ADA));
    }

    @Test
    void afterRotationTheOldKidStillDecryptsAndTheNewKeyEncrypts() {
        ContactCipher before = ContactCipher.fromKeys(OLD);
        EncryptedContact madeBefore = before.encrypt(ADA);

        ContactCipher after = ContactCipher.fromKeys(NEW + ", " + OLD);
        EncryptedContact madeAfter = after.encrypt(ADA);

        assertThat(after.decrypt(madeBefore)).isEqualTo(ADA);
        assertThat(kidOf(madeAfter)).isEqualTo("2026-07");
        assertThat(after.kids()).containsExactly("2026-07", "2026-01");
        assertThatThrownBy(() -> before.decrypt(madeAfter))
                .isInstanceOf(ContactDecryptionException.class)
                .hasMessageContaining("2026-07");
    }

    @Test
    void unknownKidIsRejected() {
        EncryptedContact token = ContactCipher.fromKeys(NEW).encrypt(ADA);

        assertThatThrownBy(() -> ContactCipher.fromKeys(OLD).decrypt(token))
                .isInstanceOf(ContactDecryptionException.class)
                .hasMessageContaining("kid 2026-07")
                .hasMessageContaining("not among the configured keys");
    }

    @Test
    void tamperedCiphertextIsRejected() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);
        String[] parts = cipher.encrypt(ADA).token().split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
        EncryptedContact tampered = new EncryptedContact(String.join(".", parts));

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(ContactDecryptionException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void tokenUnderTheRightKidButAnotherKeyIsRejected() {
        EncryptedContact forged =
                ContactCipher.fromKeys(ContactCipher.newKeyEntry("2026-01")).encrypt(ADA);

        assertThatThrownBy(() -> ContactCipher.fromKeys(OLD).decrypt(forged))
                .isInstanceOf(ContactDecryptionException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void swappedHeaderIsRejected() {
        ContactCipher cipher = ContactCipher.fromKeys(OLD);
        String[] parts = cipher.encrypt(ADA).token().split("\\.");
        parts[0] = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"kid\":\"2026-01\"}".getBytes());

        assertThatThrownBy(() -> cipher.decrypt(new EncryptedContact(String.join(".", parts))))
                .isInstanceOf(ContactDecryptionException.class)
                .hasMessageContaining("A256GCM");
    }

    @Test
    void keysEnvironmentValueMustNotBeEmpty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactCipher.fromKeys(" "))
                .withMessageContaining("CONTACT_ENCRYPTION_KEYS is empty");
    }

    @Test
    void shortKeyIsRejectedWithoutPrintingIt() {
        String shortKey =
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactCipher.fromKeys(OLD + ",weak:" + shortKey))
                .withMessageContaining("entry 2")
                .withMessageContaining("kid weak")
                .withMessageContaining("16 bytes")
                .withMessageNotContaining(shortKey)
                .withMessageNotContaining(OLD.substring(OLD.indexOf(':') + 1));
    }

    @Test
    void nonBase64KeyIsRejectedWithoutPrintingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactCipher.fromKeys("k1:this is not base64!"))
                .withMessageContaining("not valid base64")
                .withMessageNotContaining("this is not base64");
    }

    @Test
    void entryWithoutKidIsRejectedWithoutPrintingIt() {
        String bare = OLD.substring(OLD.indexOf(':') + 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactCipher.fromKeys(bare))
                .withMessageContaining("kid:base64-256-bit-key")
                .withMessageNotContaining(bare);
    }

    @Test
    void repeatedKidIsRejected() {
        String again = "2026-01" + NEW.substring(NEW.indexOf(':'));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContactCipher.fromKeys(OLD + "," + again))
                .withMessageContaining("repeats kid 2026-01");
    }

    @Test
    void urlSafeBase64KeysAreAccepted() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb;
        key[1] = (byte) 0xff;
        ContactCipher cipher =
                ContactCipher.fromKeys("k1:" + Base64.getUrlEncoder().encodeToString(key));

        assertThat(cipher.decrypt(cipher.encrypt(ADA))).isEqualTo(ADA);
    }

    @Test
    void cipherPrintsItsKidsButNoKey() {
        ContactCipher cipher = ContactCipher.fromKeys(NEW + "," + OLD);

        assertThat(cipher.toString())
                .contains("2026-07", "2026-01")
                .doesNotContain(NEW.substring(NEW.indexOf(':') + 1), OLD.substring(OLD.indexOf(':') + 1));
    }

    @Test
    void contactMasksEveryFieldWhenPrinted() {
        assertThat(ADA.toString())
                .doesNotContain("Ada", "Lovelace", "ada@example.org", "+447700900123", "447700900123");
    }

    @Test
    void contactRequiresNameAndEmailAndAnE164Phone() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Contact(" ", "ada@example.org", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Contact("Ada", "not-an-email", null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Contact("Ada", "ada@example.org", "07700 900123"))
                .withMessageNotContaining("07700");
    }

    @Test
    void encryptedContactRejectsAnythingButACompactDirectJwe() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EncryptedContact("Ada Lovelace"));
        assertThatIllegalArgumentException().isThrownBy(() -> new EncryptedContact("a.b.c"));
    }

    private static String kidOf(EncryptedContact contact) {
        try {
            return JWEObject.parse(contact.token()).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static final String DEVELOPMENT_KEY = "F81cOO0We9BqAu3+UgGzCAlq+5t3xj735J5vX0e0wW4=";

    @Test
    void productionRefusesTheDevelopmentKeyByItsMaterialUnderAnyKid() {
        for (String keys : new String[] {
            "local-dev-only:" + DEVELOPMENT_KEY,
            "prod-2026:" + DEVELOPMENT_KEY,
            ContactCipher.newKeyEntry("prod-2026") + ", old:" + DEVELOPMENT_KEY,
            "url-safe:" + DEVELOPMENT_KEY.replace('+', '-').replace('/', '_')
        }) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> ContactCipher.forEnvironment(keys, true))
                    .withMessageContaining("public development key")
                    .withMessageNotContaining(DEVELOPMENT_KEY);
        }
    }

    @Test
    void theDevelopmentKeyIsAcceptedOutsideProductionAndOtherKeysEverywhere() {
        assertThat(ContactCipher.forEnvironment("local-dev-only:" + DEVELOPMENT_KEY, false)
                        .activeKid())
                .isEqualTo("local-dev-only");
        assertThat(ContactCipher.forEnvironment(ContactCipher.newKeyEntry("local-dev-only"), true)
                        .activeKid())
                .isEqualTo("local-dev-only");
    }
}
