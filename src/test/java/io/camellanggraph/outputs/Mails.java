package io.camellanggraph.outputs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reading the mails GreenMail received: subject, the readable text part, a named attachment, the raw MIME. */
final class Mails {

    private Mails() {
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part (or the whole body when it is not multipart). */
    static String text(MimeMessage mail) throws MessagingException, IOException {
        Object content = mail.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    return part.getContent().toString();
                }
            }
            throw new IllegalStateException("no text part in " + subject(mail));
        }
        return content.toString();
    }

    /** The content of the attachment with this file name. */
    static String attachment(MimeMessage mail, String fileName) throws MessagingException, IOException {
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (fileName.equals(part.getFileName())) {
                    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IllegalStateException("no attachment " + fileName + " in " + subject(mail));
    }

    /** Subject, headers and every part decoded (text and attachments alike). */
    static String decoded(MimeMessage mail) throws MessagingException, IOException {
        StringBuilder all = new StringBuilder(subject(mail)).append('\n');
        java.util.Collections.list(mail.getAllHeaderLines()).forEach(h -> all.append(h).append('\n'));
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(new String(multipart.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } else {
            all.append(mail.getContent());
        }
        return all.toString();
    }

    static String raw(MimeMessage mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
