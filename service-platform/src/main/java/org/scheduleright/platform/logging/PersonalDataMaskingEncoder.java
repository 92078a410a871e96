package org.scheduleright.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Spring Boot's structured (JSON) log encoder with {@link PersonalDataMasker} applied to every encoded line, so that
 * no code path — our own, a library's, an exception message — can put personal data into a log in clear.
 */
public class PersonalDataMaskingEncoder extends StructuredLogEncoder {

    private Charset charset = StandardCharsets.UTF_8;

    @Override
    public void setCharset(Charset charset) {
        super.setCharset(charset);
        this.charset = charset == null ? StandardCharsets.UTF_8 : charset;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = super.encode(event);
        return PersonalDataMasker.mask(new String(encoded, charset)).getBytes(charset);
    }
}
