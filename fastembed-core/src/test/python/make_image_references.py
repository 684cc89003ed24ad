#!/usr/bin/env python3
"""Pillow's own preprocessing output, for the Java image tests to match.

Photos from scikit-image's data folder (Debian python3-skimage; chelsea.png and coffee.png are CC0 per
skimage/data/README.txt), plus derived images made here (a JPEG, RGBA, palette, grey, a 1x1).
Run with Debian's python3-pil (9.4) and python3-skimage:
    /usr/bin/python3 fastembed-core/src/test/python/make_image_references.py
Writes fastembed-core/src/test/resources/images/: the inputs, and for each case a PNG of Pillow's result
(PNG is lossless, so Java reads Pillow's bytes exactly).
"""
import os

from PIL import Image

SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "images")
os.makedirs(OUT, exist_ok=True)

chelsea = Image.open(os.path.join(SKIMAGE, "chelsea.png")).convert("RGB")   # 451x300
coffee = Image.open(os.path.join(SKIMAGE, "coffee.png")).convert("RGB")     # 600x400
chelsea.save(os.path.join(OUT, "chelsea.png"))
coffee.crop((100, 50, 400, 250)).save(os.path.join(OUT, "coffee-crop.png"))  # 300x200, smaller to commit
coffee.crop((100, 50, 400, 250)).save(os.path.join(OUT, "coffee-crop.jpg"), quality=92)

rgba = chelsea.copy()
rgba.putalpha(Image.linear_gradient("L").resize(chelsea.size))
rgba.save(os.path.join(OUT, "chelsea-rgba.png"))
chelsea.convert("P", palette=Image.ADAPTIVE, colors=64).save(os.path.join(OUT, "chelsea-palette.png"))
chelsea.convert("L").save(os.path.join(OUT, "chelsea-grey.png"))
Image.new("RGB", (1, 1), (200, 30, 90)).save(os.path.join(OUT, "one-pixel.png"))

# Other containers: lossless ones must decode to Pillow's exact pixels.
small = chelsea.resize((64, 43), Image.BICUBIC)
small.save(os.path.join(OUT, "small.bmp"))
small.save(os.path.join(OUT, "small.webp"), lossless=True)
frames = [small.convert("P", palette=Image.ADAPTIVE, colors=32), small.rotate(180).convert("P", palette=Image.ADAPTIVE)]
frames[0].save(os.path.join(OUT, "small.gif"), save_all=True, append_images=frames[1:])
Image.open(os.path.join(OUT, "small.gif")).convert("RGB").save(os.path.join(OUT, "ref-small-gif-first-frame.png"))
small.convert("CMYK").save(os.path.join(OUT, "small-cmyk.jpg"), quality=95)

FILTERS = {"nearest": Image.NEAREST, "lanczos": Image.LANCZOS, "bilinear": Image.BILINEAR,
           "bicubic": Image.BICUBIC, "box": Image.BOX, "hamming": Image.HAMMING}

# Downscale (antialiased), upscale, one axis only.
for name, code in FILTERS.items():
    chelsea.resize((224, 149), code).save(os.path.join(OUT, "ref-chelsea-224x149-%s.png" % name))
    chelsea.crop((200, 100, 237, 125)).resize((111, 75), code).save(os.path.join(OUT, "ref-up-111x75-%s.png" % name))
chelsea.resize((451, 100), Image.BICUBIC).save(os.path.join(OUT, "ref-chelsea-451x100-bicubic.png"))
chelsea.resize((100, 300), Image.BICUBIC).save(os.path.join(OUT, "ref-chelsea-100x300-bicubic.png"))


def clip_pipeline(img, shortest=224, crop=224, resample=Image.BICUBIC):
    """CLIPImageProcessor as fastembed runs it, up to the uint8 array (before rescale and normalize)."""
    img = img.convert("RGB") if img.mode != "RGB" else img
    w, h = img.size
    if w <= h:
        size = (shortest, int(shortest * h / w))
    else:
        size = (int(shortest * w / h), shortest)
    img = img.resize(size, resample)
    w, h = img.size
    if crop > w or crop > h:
        canvas = Image.new("RGB", (max(crop, w), max(crop, h)))
        canvas.paste(img, ((max(crop, w) - w) // 2, (max(crop, h) - h) // 2))
        img = canvas
        w, h = img.size
    top, left = (h - crop) // 2, (w - crop) // 2
    return img.crop((left, top, left + crop, top + crop))


for source in ["chelsea.png", "coffee-crop.png", "chelsea-rgba.png", "chelsea-palette.png", "chelsea-grey.png",
               "coffee-crop.jpg"]:
    clip_pipeline(Image.open(os.path.join(OUT, source))).save(
        os.path.join(OUT, "ref-clip-" + source.replace(".", "-") + ".png"))
print("wrote", len(os.listdir(OUT)), "files")
