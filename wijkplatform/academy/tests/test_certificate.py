"""Certificates: a PDF with name, course, date, code and a QR code; anyone can verify a code."""

import pytest
from django.urls import reverse

from wijkplatform.academy import services
from wijkplatform.academy.models import Certificate, Cohort

from .factories import build_course, finish


@pytest.fixture
def certificate(alice):
    course, lessons, quiz = build_course(title="Neighbourhood reporter: your first story")
    enrolment = finish(services.enrolment_create(course=course, user=alice), lessons, quiz)
    return enrolment.certificate


def test_certificate_code_is_random_and_long(certificate, bob):
    course, lessons, quiz = build_course()
    other = finish(services.enrolment_create(course=course, user=bob), lessons, quiz).certificate
    assert len(certificate.code) >= 20 and certificate.code != other.code


def test_learner_downloads_the_pdf(client, alice, certificate):
    client.force_login(alice)
    page = client.get(reverse("academy:course", kwargs={"slug": certificate.enrolment.course.slug}))
    assert reverse("academy:certificate_pdf", kwargs={"code": certificate.code}) in page.content.decode()
    response = client.get(reverse("academy:certificate_pdf", kwargs={"code": certificate.code}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_pdf_contains_name_course_code_and_qr(rf, alice, certificate):
    from django.template.loader import render_to_string

    from wijkplatform.academy.certificates import qr_svg_data_uri, verify_url

    request = rf.get("/")
    request.user = alice
    url = verify_url(request, certificate)
    html = render_to_string(
        "academy/certificate_pdf.html",
        {"certificate": certificate, "verify_url": url, "qr": qr_svg_data_uri(url)},
    )
    assert "Alice" in html and "Neighbourhood reporter: your first story" in html
    assert certificate.code in html and f"/academy/verify/{certificate.code}/" in url
    assert "data:image/svg+xml" in html


def test_someone_else_cannot_download_the_pdf(client, bob, charlie, certificate):
    for person in (bob, charlie):
        client.force_login(person)
        assert client.get(reverse("academy:certificate_pdf", kwargs={"code": certificate.code})).status_code == 404


def test_a_coach_of_the_cohort_can_download_it(client, bob, certificate):
    cohort = Cohort.objects.create(name="Class 3B", course=certificate.enrolment.course)
    cohort.coaches.add(bob)
    certificate.enrolment.cohort = cohort
    certificate.enrolment.save()
    client.force_login(bob)
    assert client.get(reverse("academy:certificate_pdf", kwargs={"code": certificate.code})).status_code == 200


def test_anyone_verifies_a_code(client, certificate):
    response = client.get(reverse("academy:verify", kwargs={"code": certificate.code}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "genuine" in html and "Alice" in html and "Neighbourhood reporter" in html


@pytest.mark.parametrize("code", ["unknown-code", "x" * 41, "AAAAAAAAAAAAAAAAAAAAAA", "<script>"])
def test_unknown_or_forged_code_is_a_clear_404(client, certificate, code):
    response = client.get(reverse("academy:verify", kwargs={"code": code}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "We do not know this certificate code" in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert Certificate.objects.count() == 1


def test_verify_lookup_form(client, certificate):
    assert client.get(reverse("academy:verify_lookup")).status_code == 200
    response = client.get(reverse("academy:verify_lookup"), {"code": certificate.code})
    assert response.url == reverse("academy:verify", kwargs={"code": certificate.code})
    assert client.get(reverse("academy:verify_lookup"), {"code": "bad code!"}).status_code == 404


def test_one_certificate_per_completed_course(alice, certificate):
    enrolment = certificate.enrolment
    services.lesson_complete(enrolment=enrolment, lesson=enrolment.course.modules.last().lessons.first())
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
