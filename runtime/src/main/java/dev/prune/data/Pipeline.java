package dev.prune.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What happens to an image between the file and the batch. The order is fixed rather than the order the
 * steps were written in: the geometric preprocessing (resize, center_crop) first, so augmentations see
 * the size the model sees; then the augmentations (training only); then normalize, last, so that the
 * zero padding of random_crop is black in pixel space, not the mean colour.
 *
 * <p>One exception, torchvision's ImageNet recipe: when the augmentations start with random_resized_crop,
 * a training image skips the geometric preprocessing and the crop is cut from the whole decoded image
 * ({@code RandomResizedCrop} on the file's image), while evaluation still resizes and centre-crops.
 */
public final class Pipeline {

    private final List<Preprocessing> geometric;
    private final List<Augmentation> augmentations;
    private final List<Preprocessing> normalization;
    private final ModelInput model;

    private Pipeline(List<Preprocessing> geometric, List<Augmentation> augmentations, List<Preprocessing> normalization,
            ModelInput model) {
        this.geometric = geometric;
        this.augmentations = augmentations;
        this.normalization = normalization;
        this.model = model;
    }

    /**
     * The spec's steps for this model.
     *
     * @throws DataException (naming the dataset's folder) when a normalize step has a value count that fits
     *                       neither one channel nor the model's
     */
    static Pipeline of(DataSpec spec, ModelInput model) throws DataException {
        List<Preprocessing> geometric = new ArrayList<>();
        List<Preprocessing> normalization = new ArrayList<>();
        for (Preprocessing step : spec.preprocess()) {
            if (step instanceof Preprocessing.Normalize normalize && !normalize.fits(model.channels())) {
                throw new DataException(spec.path(), "normalize has " + normalize.mean().size() + " means and " + normalize.std().size()
                        + " stds, but the model's input has " + model.channels() + " channel(s): give one value, or one per channel");
            }
            (step.geometric() ? geometric : normalization).add(step);
        }
        return new Pipeline(List.copyOf(geometric), spec.augment(), List.copyOf(normalization), model);
    }

    /** A training example: preprocessing and augmentations, the latter drawing from {@code random}. */
    Image train(Image raw, SplittableRandom random) {
        return applyAll(normalization, trainPixels(raw, random));
    }

    /** A training example before normalize: what a person should see of it. */
    Image trainPixels(Image raw, SplittableRandom random) {
        Image image = cropsWholeImage() ? raw : applyAll(geometric, raw);
        for (Augmentation augmentation : augmentations) {
            image = augmentation.apply(image, random);
        }
        return image;
    }

    /** An evaluation example: preprocessing only. */
    Image eval(Image raw) {
        return applyAll(normalization, evalPixels(raw));
    }

    /** An evaluation example before normalize. */
    Image evalPixels(Image raw) {
        return applyAll(geometric, raw);
    }

    /** normalize, when the spec has it: pixels as the model receives them. */
    Image normalize(Image pixels) {
        return applyAll(normalization, pixels);
    }

    /** Whether training cuts random_resized_crop from the whole image, as torchvision's recipe does. */
    private boolean cropsWholeImage() {
        return !augmentations.isEmpty() && augmentations.get(0) instanceof Augmentation.RandomResizedCrop;
    }

    /**
     * Why an image of this size cannot become the model's input, in training or in evaluation; empty when it
     * can. Checked when a dataset is opened, so that a mismatch stops the run before the first step.
     */
    Optional<String> problem(Size raw) {
        try {
            Size eval = raw;
            for (Preprocessing step : geometric) {
                eval = step.outputSize(eval);
            }
            Size train = cropsWholeImage() ? raw : eval;
            for (Augmentation augmentation : augmentations) {
                train = augmentation.outputSize(train);
            }
            if (!eval.equals(model.size())) {
                return Optional.of("an image of " + raw + " becomes " + eval + " after preprocessing, but the model's input is "
                        + model.size() + (geometric.isEmpty() ? " (add preprocess resize(...), center_crop(...))" : ""));
            }
            if (!train.equals(model.size())) {
                return Optional.of("an image of " + raw + " becomes " + train + " after augmentation, but the model's input is "
                        + model.size());
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Image applyAll(List<Preprocessing> steps, Image image) {
        for (Preprocessing step : steps) {
            image = step.apply(image);
        }
        return image;
    }
}
