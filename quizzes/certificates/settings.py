"""How certificates look: the organiser's title, issuer, signer, images and font."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CertificateSettings:
    """The layout of every certificate (paths are relative to config.toml)."""

    # The title printed large at the top.
    title: str = "GIẤY CHỨNG NHẬN"
    # Who issues the certificates (printed top left and stored with each certificate).
    issuer: str = "BAN TỔ CHỨC CUỘC THI"
    # The signer's office, printed above the signature.
    signer_title: str = "TRƯỞNG BAN TỔ CHỨC"
    # The signer's name, printed under the signature ("" prints none).
    signer_name: str = ""
    # Where the certificate is signed ("Đơn Dương, ngày 5 tháng 12 năm 2026").
    place: str = ""
    # A PNG or JPEG logo printed at the top ("" for none).
    logo: str = ""
    # A PNG (transparent background) or JPEG of the signature and seal ("" for none).
    signature: str = ""
    # A TrueType font with Vietnamese letters ("" uses DejaVu Serif, shipped with matplotlib).
    font: str = ""
    # Its bold face ("" uses DejaVu Serif Bold).
    font_bold: str = ""
