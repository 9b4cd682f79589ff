"""The certificate as a PDF (WeasyPrint), with a QR code (segno) that opens the public verification page."""

import segno
from django.template.loader import render_to_string
from django.urls import reverse


def verify_url(request, certificate):
    return request.build_absolute_uri(reverse("academy:verify", kwargs={"code": certificate.code}))


def qr_svg_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(request, certificate):
    from weasyprint import HTML

    url = verify_url(request, certificate)
    html = render_to_string(
        "academy/certificate_pdf.html",
        {"certificate": certificate, "verify_url": url, "qr": qr_svg_data_uri(url)},
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
