"""Inputs: everything that turns a user's source into decoded images.

>>> from opensight.inputs import iter_items, load_image
>>> [item.name for item in iter_items(["a.jpg"])]
['a.jpg']
"""

from opensight._settings import DEFAULT_MAX_PIXELS
from opensight.inputs._decode import LoadedImage, image_kind, is_text, load_image, max_pixels
from opensight.inputs._sources import IMAGE_EXTENSIONS, Item, Source, Sources, is_single, iter_items
from opensight.inputs._transforms import content_picture, letterbox, resize_center_crop, whole_picture
from opensight.inputs._video import VIDEO_EXTENSIONS, VideoWriter, check_sampling, expand_videos, is_video

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "IMAGE_EXTENSIONS",
    "VIDEO_EXTENSIONS",
    "Item",
    "LoadedImage",
    "Source",
    "Sources",
    "VideoWriter",
    "check_sampling",
    "content_picture",
    "expand_videos",
    "image_kind",
    "is_single",
    "is_text",
    "is_video",
    "iter_items",
    "letterbox",
    "load_image",
    "max_pixels",
    "resize_center_crop",
    "whole_picture",
]
