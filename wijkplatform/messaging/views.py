def home_section(request):
    return None
