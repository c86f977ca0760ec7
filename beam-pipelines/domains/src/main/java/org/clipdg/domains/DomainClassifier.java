package org.clipdg.domains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clipdg.core.AvroJson;
import org.clipdg.core.Hashing;
import org.clipdg.schema.DomainClassifierCard;

/**
 * The folder of a trained domain classifier, the contract between the training step and the
 * labelling step: {@code classifier_card.json} (written last) and the ONNX model it names.
 */
public record DomainClassifier(Path dir, DomainClassifierCard card, String cardSha256) {
    public static final String CARD = "classifier_card.json";
    public static final String ONNX = "domain_classifier.onnx";

    public static DomainClassifier open(Path dir) throws IOException {
        Path file = dir.resolve(CARD);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + ": no " + CARD + ", not a finished domain classifier");
        }
        return new DomainClassifier(dir, AvroJson.read(file, DomainClassifierCard.class), Hashing.sha256(file));
    }

    public LabelRule rule() {
        return LabelRule.of(card.getClasses(), card.getStrictThresholds());
    }

    /** Opens the model after checking its bytes against the card. */
    public ClassifierSession session(int threads) throws IOException {
        Path model = dir.resolve(card.getOnnxFile());
        byte[] onnx = Files.readAllBytes(model);
        if (!Hashing.sha256(onnx).equals(card.getOnnxSha256())) {
            throw new IOException(model + ": sha256 differs from the one in " + dir.resolve(CARD) + "; the folder was changed after training");
        }
        return ClassifierSession.open(onnx, model.toString(), card.getInputDimension(), card.getClasses().size(), threads);
    }
}
